"""Staff API (office, unit, admin): the same calls the admin web page makes."""
from flask import Blueprint, Response, jsonify, request

from functions.cases import lists as case_lists
from functions.reporting import dashboard
from functions.deputies import admin as deputy_admin
from functions.notifications import log as notification_log
from functions.org import calendar_entries, staff_admin
from functions.identity import staff_directory, staff_session
from functions.identity.access import require_staff
from miniprogram_api.api.request_helpers import actor, json_body, now

bp = Blueprint("staff_api", __name__, url_prefix="/api/v1/staff")


@bp.post("/login")
def post_login():
    """Log a staff member in with username and password."""
    body = json_body()
    return jsonify(staff_session.login(username=body.get("username"),
                                       password=body.get("password"),
                                       address=request.remote_addr))


@bp.post("/logout")
def post_logout():
    """End every session of the caller's account: this token and all others die."""
    staff_session.logout(actor=require_staff(actor()))
    return Response(status=204)


@bp.post("/deputies")
def post_deputy():
    """Register a deputy: entry code and one-time bind code."""
    return jsonify({"deputy": staff_admin.add_deputy(actor=actor(), body=json_body())}), 201


@bp.get("/deputies/<deputy_id>/qr.png")
def get_deputy_qr(deputy_id):
    """The PNG QR code that opens the deputy's entry."""
    png = staff_admin.deputy_qr_png(actor=actor(), deputy_id=deputy_id)
    return Response(png, mimetype="image/png")  # /api answers are never cached


@bp.post("/deputies/<deputy_id>/bind-code")
def post_deputy_bind_code(deputy_id):
    """A new one-time bind code for the deputy; the old one is void."""
    return jsonify({"deputy": staff_admin.renew_bind_code(actor=actor(), deputy_id=deputy_id)})


@bp.post("/deputies/<deputy_id>/deactivate")
def post_deputy_deactivate(deputy_id):
    """Switch the deputy off; its WeChat user loses the deputy role at once."""
    return jsonify({"deputy": deputy_admin.set_active(actor=actor(), deputy_id=deputy_id,
                                                      active=False)})


@bp.post("/accounts/<username>/deactivate")
def post_account_deactivate(username):
    """Lock a staff account; every session of it ends at once."""
    staff_directory.set_account_active(actor=actor(), username=username, active=False)
    return jsonify({"account": staff_directory.account(actor=actor(), username=username)})


@bp.post("/accounts/<username>/password")
def post_account_password(username):
    """Set a new password for an account; every session of it ends at once."""
    staff_directory.reset_password(actor=actor(), username=username,
                                   password=json_body().get("password"))
    return jsonify({"account": staff_directory.account(actor=actor(), username=username)})


@bp.post("/units")
def post_unit():
    """Create a handling unit in a region."""
    return jsonify({"unit": staff_admin.add_unit(actor=actor(), body=json_body())}), 201


@bp.post("/accounts")
def post_account():
    """Create a staff account."""
    return jsonify({"account": staff_admin.add_account(actor=actor(), body=json_body())}), 201


@bp.get("/queue")
def get_queue():
    """Cases waiting on the caller's office or unit."""
    return jsonify(case_lists.staff_queue(
        actor=actor(), status=request.args.get("status"), tab=request.args.get("tab"),
        limit=request.args.get("limit"), cursor=request.args.get("cursor"), now=now()))


@bp.get("/notifications")
def get_notifications():
    """What was sent or recorded, newest first."""
    who = require_staff(actor(), *notification_log.READERS)
    return jsonify(notification_log.list_records(
        actor=who, record_id=request.args.get("record_id"), case_id=request.args.get("case_id"),
        channel=request.args.get("channel"),
        limit=request.args.get("limit"), cursor=request.args.get("cursor")))


@bp.get("/stats")
def get_stats():
    """Counts by status and category, on-time and satisfaction rates, as of `figures_at`."""
    return jsonify(dashboard.stats(actor=actor()))


@bp.get("/calendar")
def get_calendar():
    """Official days entered beyond the library, and whether the next 90 days are covered."""
    return jsonify(calendar_entries.entries(actor=actor(), now=now()))


@bp.post("/calendar")
def post_calendar():
    """Replace one year's entered holidays and working weekends (admin)."""
    body = json_body()
    return jsonify(calendar_entries.set_year(
        actor=actor(), year=body.get("year"), scope=body.get("scope"),
        holidays=body.get("holidays"), workdays=body.get("workdays"), now=now()))
