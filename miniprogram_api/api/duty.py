"""Duty records, ranking, archive and activities: mini-program and staff API."""
from flask import Blueprint, jsonify, request

from functions.shared.errors import ValidationFailed
from functions.duty import activities, archive, ranking, records
from miniprogram_api.api.request_helpers import actor, json_body, now

bp = Blueprint("duty_api", __name__, url_prefix="/api/v1")
staff_bp = Blueprint("duty_staff_api", __name__, url_prefix="/api/v1/staff")
BLUEPRINTS = (bp, staff_bp)


def _optional_actor():
    """The caller if a token came with the request (public endpoints), else None."""
    return actor() if request.headers.get("Authorization") else None


def _created(result):
    body, created = result
    return jsonify(body), 201 if created else 200


@bp.post("/deputy/duty-records")
def post_own_record():
    """A deputy reports a duty record; pending until the office checks it."""
    return _created(_wrap(records.report(
        actor=actor(), idempotency_key=request.headers.get("Idempotency-Key"),
        body=json_body(), now=now())))


@bp.get("/deputy/duty-records")
def get_own_records():
    """The deputy's records of a year with verified totals."""
    return jsonify(records.own_records(actor=actor(), year=request.args.get("year"),
                                       now=now()))


@staff_bp.post("/duty-records")
def post_office_record():
    """The office enters a verified record for a deputy of its region."""
    return _created(_wrap(records.enter(
        actor=actor(), idempotency_key=request.headers.get("Idempotency-Key"),
        body=json_body(), now=now())))


@staff_bp.get("/duty-records")
def get_pending_records():
    """The region's records waiting for the office's check."""
    status = request.args.get("status") or "pending"
    if status != "pending":
        raise ValidationFailed("only pending records are listed here",
                               {"status": "pending"})
    return jsonify(records.pending(actor=actor(), limit=request.args.get("limit"),
                                   cursor=request.args.get("cursor")))


@staff_bp.post("/duty-records/<record_id>/verify")
def post_verify(record_id):
    """Verify a pending record: its points are fixed now."""
    return jsonify({"record": records.decide(actor=actor(), record_id=record_id,
                                             verdict="verify", body=json_body(required=False),
                                             now=now())})


@staff_bp.post("/duty-records/<record_id>/reject")
def post_reject(record_id):
    """Reject a pending record with a reason the deputy sees."""
    return jsonify({"record": records.decide(actor=actor(), record_id=record_id,
                                             verdict="reject", body=json_body(), now=now())})


@bp.get("/duty/ranking")
def get_ranking():
    """A page of the region's ranking for a year, highest points first."""
    args = request.args
    return jsonify(ranking.page(
        actor=_optional_actor(), region_id=args.get("region_id"), year=args.get("year"),
        level=args.get("level"), group=args.get("group"), station=args.get("station"),
        limit=args.get("limit"), cursor=args.get("cursor"), now=now()))


@bp.get("/deputies/<deputy_id>/archive")
def get_archive(deputy_id):
    """A deputy's archive of a year: public unless the deputy or its office asks."""
    return jsonify(archive.archive(actor=_optional_actor(), deputy_id=deputy_id,
                                   year=request.args.get("year"), now=now()))


@staff_bp.post("/activities")
def post_activity():
    """The office publishes an activity; the answer carries the check-in code."""
    return _created(_wrap_activity(activities.publish(
        actor=actor(), idempotency_key=request.headers.get("Idempotency-Key"),
        body=json_body(), now=now())))


@bp.get("/activities")
def get_activities():
    """Open activities of the deputy's region, each with `signed_up`."""
    return jsonify(activities.open_for_deputy(actor=actor(), now=now()))


@bp.post("/activities/<activity_id>/signup")
def post_signup(activity_id):
    """Sign up for an activity: 409 when full, twice or past the deadline."""
    return jsonify({"activity": activities.sign_up(actor=actor(), activity_id=activity_id,
                                                   now=now())})


@bp.post("/activities/<activity_id>/cancel")
def post_cancel(activity_id):
    """Give the seat back before the sign-up deadline."""
    return jsonify({"activity": activities.cancel(actor=actor(), activity_id=activity_id,
                                                  now=now())})


@bp.post("/activities/<activity_id>/check-in")
def post_check_in(activity_id):
    """Check in with the code shown at the activity: its verified record."""
    return jsonify({"record": activities.check_in(
        actor=actor(), activity_id=activity_id, code=json_body().get("code"), now=now())})


def _wrap(result):
    record, created = result
    return {"record": record}, created


def _wrap_activity(result):
    activity, created = result
    return {"activity": activity}, created
