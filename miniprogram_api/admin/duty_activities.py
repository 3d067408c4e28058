"""活动 (点单) pages: publish, the list, sign-ups and the check-in code as a QR to project."""
import secrets
from datetime import datetime

from flask import Response, flash, redirect, render_template, request, url_for

from functions.channels.qr import qr_png
from functions.shared.clock import iso
from functions.shared.errors import ValidationFailed
from functions.duty import activities
from functions.duty.activities import ACTIVITY_KINDS
from functions.duty.rules import SHANGHAI
from miniprogram_api.admin.base import bp, now, staff_page
from functions.shared.validation import plain_digits

FORM_FIELDS = ("kind", "title", "place", "starts_at", "ends_at", "signup_deadline",
               "capacity")


def check_in_payload(activity: dict) -> str:
    """What the QR holds: the mini-program's scanner posts the code to check in."""
    return f"mashangban:check-in:{activity['id']}:{activity['check_in_code']}"


def _utc(local_text: str):
    """A `datetime-local` field (Shanghai time) as ISO UTC; the text itself if unreadable."""
    if not local_text:
        return None
    try:
        return iso(datetime.fromisoformat(local_text).replace(tzinfo=SHANGHAI))
    except ValueError:
        return local_text


def _body(form: dict) -> dict:
    capacity = form.get("capacity", "").strip()
    return {"kind": form.get("kind"), "title": form.get("title"), "place": form.get("place"),
            "starts_at": _utc(form.get("starts_at")), "ends_at": _utc(form.get("ends_at")),
            "signup_deadline": _utc(form.get("signup_deadline")),
            "capacity": int(capacity) if plain_digits(capacity) else (capacity or None)}


@bp.route("/duty/activities", methods=["GET", "POST"])
@staff_page("office", "admin")
def duty_activities(actor):
    """The region's activities, and (office) the form to publish one."""
    form, errors = {f: request.form.get(f, "") for f in FORM_FIELDS}, {}
    if request.method == "POST":
        try:
            made, _ = activities.publish(actor=actor, body=_body(form), now=now(),
                                         idempotency_key=request.form.get("idempotency_key"))
            flash("活动已发布。", "info")
            return redirect(url_for("admin.duty_activity", activity_id=made["id"]))
        except ValidationFailed as exc:
            errors = exc.fields
    return render_template("admin/duty_activities.html", form=form, errors=errors,
                           rows=activities.for_office(actor=actor, now=now()),
                           kinds=ACTIVITY_KINDS, form_key=secrets.token_urlsafe(12)), \
        400 if errors else 200


@bp.get("/duty/activities/<activity_id>")
@staff_page("office", "admin")
def duty_activity(actor, activity_id):
    """One activity: its sign-ups and the check-in code on screen as a QR."""
    activity, signups = activities.office_detail(actor=actor, activity_id=activity_id)
    return render_template("admin/duty_activity.html", a=activity, signups=signups)


@bp.get("/duty/activities/<activity_id>/qr.png")
@staff_page("office", "admin")
def duty_activity_qr(actor, activity_id):
    """The check-in QR code as a PNG."""
    activity, _ = activities.office_detail(actor=actor, activity_id=activity_id)
    return Response(qr_png(check_in_payload(activity), box_size=12), mimetype="image/png",
                    headers={"Cache-Control": "no-store"})
