"""Mini-program API for citizens (login, scan, upload, submit, follow, rate, subscribe) and
the deputies' steps on a case; the office's and units' steps are in staff_cases.py."""
from flask import Blueprint, jsonify, request

from functions.cases import lists as case_lists, handling, submission
from functions.org import entry
from functions.identity import wechat_login
from functions.identity.access import require_user
from functions.identity.principals import actor_of
from functions.storage import keys
from miniprogram_api.api.case_actions import MINI_PROGRAM_PATHS, add_case_actions
from miniprogram_api.api.request_helpers import actor, json_body, now, token_claims

bp = Blueprint("citizen_api", __name__, url_prefix="/api/v1")


@bp.post("/auth/wechat")
def auth_wechat():
    """Exchange a wx.login code for our own token."""
    return jsonify(wechat_login.login(code=json_body().get("code")))


@bp.post("/auth/phone")
def auth_phone():
    """Verify the caller's phone with the phone-number button's code; one person, two doors."""
    from functions.identity import phone_link
    claims, at = token_claims(), now()
    who = actor(also=[phone_link.limit_pk(claims["id"], at)])
    return jsonify(phone_link.verify_phone(actor=who, code=json_body().get("code"), now=at))


@bp.get("/entry/<entry_code>")
def get_entry(entry_code):
    """What a scanned entry code opens."""
    return jsonify(entry.open_entry(entry_code=entry_code))


@bp.post("/uploads")
def post_upload():
    """Store one photo for a later case, progress or answer; the same Idempotency-Key
    again returns the same photo (functions/cases/upload_retries.py)."""
    from functions.cases import upload_retries, uploads
    from functions.shared.idempotency import usable_key
    from functions.identity.access import actor_id
    from functions.shared.errors import ValidationFailed
    claims, at, header = token_claims(), now(), request.headers.get("Idempotency-Key")
    # The file this key made, if any, is read with the caller: a retry costs one call.
    who = actor(also=upload_retries.read_ahead_pks(claims, header, at))
    key = usable_key(header)
    file = request.files.get("file")
    if file is None:
        raise ValidationFailed("send the photo as multipart field `file`", {"file": "required"})
    if key is None:
        return jsonify(uploads.store_upload(owner_id=actor_id(who), filename=file.filename or "",
                                            content_type=file.mimetype or "", data=file.read(),
                                            now=at)), 201
    stored, created = upload_retries.store(owner_id=actor_id(who), key=key, data=file.read(),
                                           now=at)
    return jsonify(stored), (201 if created else 200)


@bp.post("/cases")
def post_case():
    """Submit a case; the same Idempotency-Key returns the same case."""
    from functions.cases import content_check
    claims = token_claims()  # no session: 401 before anything about the body
    body, at = json_body(), now()
    entry_code = body.get("entry_code")
    case, created = submission.submit(
        actor=actor(entry_code=entry_code if isinstance(entry_code, str) else None,
                    also=submission.read_ahead_pks(claims["id"],
                                                   request.headers.get("Idempotency-Key"))),
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


add_case_actions(bp, MINI_PROGRAM_PATHS)


@bp.post("/cases/<case_id>/publish")
def post_publish(case_id):
    """The office approves (or withdraws) the public text of a case."""
    from functions.cases import publication
    who = actor(case_id=case_id)
    body = json_body()
    return jsonify({"case": publication.publish(
        case_id=case_id, actor=who, public=body.get("public"),
        public_text=body.get("public_text"), now=now())})


@bp.post("/subscriptions")
def post_subscriptions():
    """Record a wx.requestSubscribeMessage result as sending credits."""
    from functions.notifications import credit_accepts, credits as subscriptions
    claims = token_claims()
    stored = subscriptions.user_partition(claims["id"]) if claims["kind"] == "user" else {}
    who = require_user(actor_of(claims, stored.pop(keys.META, None))
                       if claims["kind"] == "user" else actor())
    body = json_body()
    return jsonify({"credits": credit_accepts.record_results(
        user_id=who["user_id"], results=body.get("results"), stored=stored)})


@bp.get("/public/cases")
def get_public_cases():
    """Published cases of a region, personal data masked."""
    return jsonify(case_lists.public_cases(
        region_id=request.args.get("region_id"), category=request.args.get("category"),
        limit=request.args.get("limit"), cursor=request.args.get("cursor")))
