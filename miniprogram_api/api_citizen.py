"""Mini-program API for citizens: login, scan, upload, submit, follow, rate, subscribe."""
from flask import Blueprint, jsonify, request

from functions import case_lists, entry, handling, submission, wechat_login
from functions.access import require_user
from functions.principals import actor_of
from functions.storage import keys
from .request_helpers import actor, json_body, now, token_claims

bp = Blueprint("citizen_api", __name__, url_prefix="/api/v1")


@bp.post("/auth/wechat")
def auth_wechat():
    """Exchange a wx.login code for our own token."""
    return jsonify(wechat_login.login(code=json_body().get("code")))


@bp.get("/entry/<entry_code>")
def get_entry(entry_code):
    """What a scanned entry code opens."""
    return jsonify(entry.open_entry(entry_code=entry_code))


@bp.post("/uploads")
def post_upload():
    """Store one photo for a later case, progress or answer."""
    from functions import uploads
    from functions.access import actor_id
    from functions.domain.errors import ValidationFailed
    who = actor()
    file = request.files.get("file")
    if file is None:
        raise ValidationFailed("send the photo as multipart field `file`", {"file": "required"})
    stored = uploads.store_upload(owner_id=actor_id(who), filename=file.filename or "",
                                  content_type=file.mimetype or "", data=file.read())
    return jsonify(stored), 201


@bp.post("/cases")
def post_case():
    """Submit a case; the same Idempotency-Key returns the same case."""
    from functions import content_check
    claims = token_claims()  # no session: 401 before anything about the body
    body, at = json_body(), now()
    entry_code = body.get("entry_code")
    case, created = submission.submit(
        actor=actor(entry_code=entry_code if isinstance(entry_code, str) else None,
                    also=submission.limit_pks(claims["id"], at)),
        idempotency_key=request.headers.get("Idempotency-Key"),
        body=body, now=at, check_content=content_check.check)
    return jsonify({"case": case}), (201 if created else 200)


@bp.get("/cases/mine")
def get_my_cases():
    """The caller's own cases, newest first."""
    return jsonify(case_lists.my_cases(actor=actor(), limit=request.args.get("limit"),
                                       cursor=request.args.get("cursor"), now=now()))


@bp.get("/cases/<case_id>")
def get_case(case_id):
    """One case with its timeline, for those involved in it."""
    return jsonify({"case": handling.get_case(case_id=case_id, actor=actor(case_id=case_id),
                                              now=now())})


# One route per action, as the contract lists them; the role checks live in functions/.
CASE_ACTIONS = {
    "withdraw": ("withdraw", False), "rating": ("rate", True), "accept": ("accept", False),
    "reply": ("reply", True), "forward": ("forward", False), "reject": ("reject", True),
    "assign": ("assign", True), "urge": ("urge", False), "sign": ("sign", False),
    "progress": ("progress", True), "answer": ("answer", True), "return": ("return", True),
    "release": ("release", False),
}


def _case_action_view(path_action: str):
    action, body_required = CASE_ACTIONS[path_action]

    def view(case_id):
        who = actor(case_id=case_id)
        body = json_body(required=body_required)
        return jsonify({"case": handling.act(case_id=case_id, action=action, actor=who,
                                             now=now(), body=body)})
    view.__doc__ = f"Take the `{action}` step on a case, if the caller's role allows it."
    return view


for _path_action in CASE_ACTIONS:
    bp.add_url_rule(f"/cases/<case_id>/{_path_action}", endpoint=f"case_{_path_action}",
                    view_func=_case_action_view(_path_action), methods=["POST"])


@bp.post("/cases/<case_id>/publish")
def post_publish(case_id):
    """The office approves (or withdraws) the public text of a case."""
    from functions import publication
    who = actor(case_id=case_id)
    body = json_body()
    return jsonify({"case": publication.publish(
        case_id=case_id, actor=who, public=body.get("public"),
        public_text=body.get("public_text"), now=now())})


@bp.post("/subscriptions")
def post_subscriptions():
    """Record a wx.requestSubscribeMessage result as sending credits."""
    from functions import subscriptions
    claims = token_claims()
    stored = subscriptions.user_partition(claims["id"]) if claims["kind"] == "user" else {}
    who = require_user(actor_of(claims, stored.pop(keys.META, None))
                       if claims["kind"] == "user" else actor())
    body = json_body()
    return jsonify({"credits": subscriptions.record_results(
        user_id=who["user_id"], results=body.get("results"), stored=stored)})


@bp.get("/public/cases")
def get_public_cases():
    """Published cases of a region, personal data masked."""
    return jsonify(case_lists.public_cases(
        region_id=request.args.get("region_id"), category=request.args.get("category"),
        limit=request.args.get("limit"), cursor=request.args.get("cursor")))
