"""Mini-program API for deputies: bind the WeChat identity, read the inbox."""
from flask import Blueprint, jsonify, request

from functions.cases import lists as case_lists
from functions.identity import binding as deputy_binding
from miniprogram_api.api.request_helpers import actor, json_body, now, token_claims

bp = Blueprint("deputy_api", __name__, url_prefix="/api/v1/deputy")


@bp.post("/bind")
def post_bind():
    """Bind the logged-in WeChat user to a deputy with a one-time code."""
    claims = token_claims()
    body, at = json_body(), now()
    code_pk = deputy_binding.code_pk(body.get("bind_code"))
    also = [code_pk] if code_pk else []
    also += deputy_binding.failure_pks(claims["id"], request.remote_addr, at)
    return jsonify(deputy_binding.bind(actor=actor(also=also), bind_code=body.get("bind_code"),
                                       now=at, address=request.remote_addr))


@bp.get("/inbox")
def get_inbox():
    """The deputy's cases, optionally of one status, with counts by status."""
    return jsonify(case_lists.deputy_inbox(
        actor=actor(), status=request.args.get("status"), limit=request.args.get("limit"),
        cursor=request.args.get("cursor"), now=now()))
