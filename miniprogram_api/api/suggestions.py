"""Suggestion routes (deputy-work.md): the deputy's, the office's and units', the public's.

Each route parses input and calls one use case in functions/suggestions; who may do what
is decided there.
"""
from flask import Blueprint, jsonify, request

from functions.suggestions import drafting, lists, moves, public, statistics
from miniprogram_api.api.request_helpers import actor, json_body, now, optional_actor

bp = Blueprint("suggestions_api", __name__, url_prefix="/api/v1")

# path → (action, body required)
ACTIONS = {
    "cosign": ("cosign", True), "submit": ("submit", False), "register": ("register", False),
    "convert": ("convert", True), "return": ("return", True), "assign": ("assign", True),
    "sign": ("sign", False), "contact": ("contact", True), "opinion": ("opinion", True),
    "answer": ("answer", True), "evaluation": ("evaluate", True),
    "extension": ("request_extension", True), "extension/decision": ("decide_extension", True),
    "key": ("mark_key", True),
}


def _action_view(path: str):
    action, body_required = ACTIONS[path]

    def view(suggestion_id):
        # Every move takes an optional Idempotency-Key: a retry returns the suggestion.
        return jsonify({"suggestion": moves.act(
            suggestion_id=suggestion_id, action=action, actor=actor(), now=now(),
            body=json_body(required=body_required),
            idempotency_key=request.headers.get("Idempotency-Key"))})
    view.__doc__ = f"Take the `{action}` step on a suggestion, if the caller may."
    return view


for _path in ACTIONS:
    bp.add_url_rule(f"/suggestions/<suggestion_id>/{_path}",
                    endpoint=f"suggestion_{_path.replace('/', '_')}",
                    view_func=_action_view(_path), methods=["POST"])


@bp.post("/deputy/suggestions")
def post_suggestion():
    """Draft a suggestion; the same Idempotency-Key returns the same one."""
    suggestion, created = drafting.create(
        actor=actor(), idempotency_key=request.headers.get("Idempotency-Key"),
        body=json_body(), now=now())
    return jsonify({"suggestion": suggestion}), (201 if created else 200)


@bp.get("/deputy/suggestions")
def get_deputy_suggestions():
    """The deputy's led, co-signed and invited suggestions, newest first."""
    return jsonify(lists.deputy_suggestions(
        actor=actor(), status=request.args.get("status"), limit=request.args.get("limit"),
        cursor=request.args.get("cursor")))


@bp.get("/suggestions/<suggestion_id>")
def get_suggestion(suggestion_id):
    """One suggestion with its timeline: insiders see all, anyone a registered one."""
    return jsonify({"suggestion": moves.get(suggestion_id=suggestion_id,
                                            actor=optional_actor())})


@bp.get("/staff/suggestions")
def get_staff_suggestions():
    """The office's suggestions waiting on it, or a unit's own."""
    return jsonify(lists.staff_suggestions(
        actor=actor(), status=request.args.get("status"), limit=request.args.get("limit"),
        cursor=request.args.get("cursor")))


@bp.get("/staff/suggestions/stats")
def get_suggestion_stats():
    """Per unit of the region: on-time rate, A/B/C shares, satisfaction."""
    return jsonify(statistics.by_unit(actor=actor()))


@bp.get("/public/suggestions")
def get_public_suggestions():
    """Registered suggestions of a region and year, without personal data."""
    return jsonify(lists.public_suggestions(
        region_id=request.args.get("region_id"), year=request.args.get("year"), now=now(),
        limit=request.args.get("limit"), cursor=request.args.get("cursor")))


@bp.post("/suggestions/<suggestion_id>/comments")
def post_comment(suggestion_id):
    """A deputy of the region comments on an answered suggestion."""
    comment, created = public.comment(
        suggestion_id=suggestion_id, actor=actor(),
        idempotency_key=request.headers.get("Idempotency-Key"), body=json_body(), now=now())
    return jsonify({"comment": comment}), (201 if created else 200)


@bp.get("/suggestions/<suggestion_id>/comments")
def get_comments(suggestion_id):
    """The comments and likes of a suggestion the caller may read."""
    return jsonify(public.comments(suggestion_id=suggestion_id, actor=optional_actor()))


@bp.post("/suggestions/<suggestion_id>/likes")
def post_like(suggestion_id):
    """A deputy of the region likes an answered suggestion (once)."""
    return jsonify(public.like(suggestion_id=suggestion_id, actor=actor(), now=now()))
