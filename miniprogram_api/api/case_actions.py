"""The case action routes (`POST /api/v1/cases/{id}/<action>`), one per action as the
contract lists them; each audience's blueprint registers its own. Who may take an action
is decided in functions/ (identity.access), never here."""
from flask import jsonify, request

from functions.cases import handling
from miniprogram_api.api.request_helpers import actor, json_body, now

# path → (action, body required)
CASE_ACTIONS = {
    "withdraw": ("withdraw", False), "rating": ("rate", True), "accept": ("accept", False),
    "reply": ("reply", True), "forward": ("forward", False), "reject": ("reject", True),
    "assign": ("assign", True), "urge": ("urge", False), "sign": ("sign", False),
    "progress": ("progress", True), "answer": ("answer", True), "return": ("return", True),
    "release": ("release", False),
    "extension": ("request_extension", True), "extension/decision": ("decide_extension", True),
}
# The mini-program's (citizens and deputies) and the office's and units'.
MINI_PROGRAM_PATHS = ("withdraw", "rating", "accept", "reply", "forward", "reject")
STAFF_PATHS = ("assign", "urge", "sign", "progress", "answer", "return", "release",
               "extension", "extension/decision")


def _case_action_view(path_action: str):
    action, body_required = CASE_ACTIONS[path_action]

    def view(case_id):
        who = actor(case_id=case_id)
        body = json_body(required=body_required)
        # Every move takes an optional Idempotency-Key: a retry returns the case, once moved.
        key = request.headers.get("Idempotency-Key")
        return jsonify({"case": handling.act(case_id=case_id, action=action, actor=who,
                                             now=now(), body=body, idempotency_key=key)})
    view.__doc__ = f"Take the `{action}` step on a case, if the caller's role allows it."
    return view


def add_case_actions(bp, path_actions) -> None:
    """Register the POST route of each of `path_actions` on `bp` (prefix /api/v1)."""
    for path_action in path_actions:
        bp.add_url_rule(f"/cases/<case_id>/{path_action}", endpoint=f"case_{path_action.replace('/', '_')}",
                        view_func=_case_action_view(path_action), methods=["POST"])
