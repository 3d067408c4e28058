"""Admin-only pages: handling units, staff accounts, categories and time limits."""
from flask import flash, redirect, render_template, request, url_for

from functions.org import region_settings, staff_admin
from functions.identity import staff_directory
from functions.shared.errors import Conflict, DomainError, ValidationFailed
from functions.cases.deadlines import TimeLimits
from miniprogram_api.admin.base import bp, staff_page
from miniprogram_api.admin.forms import rejected
from miniprogram_api.admin.messages import describe_error, field_problems, notice


@bp.route("/units", methods=["GET", "POST"])
@staff_page("admin")
def unit_list(actor):
    """The region's handling units; add one."""
    if request.method == "POST":
        try:
            staff_admin.add_unit(actor=actor, body={"name": request.form.get("name", "")})
        except (ValidationFailed, Conflict) as exc:
            return rejected("admin/units.html", exc, names={"name": "单位名称"},
                            units=staff_directory.list_units(actor=actor))
        flash(notice("unit_added"), "info")
        return redirect(url_for("admin.unit_list"))
    return render_template("admin/units.html", units=staff_directory.list_units(actor=actor))


@bp.post("/units/<unit_id>/active")
@staff_page("admin")
def unit_active(actor, unit_id):
    """Stop (or resume) assigning cases to a unit."""
    staff_directory.set_unit_active(actor=actor, unit_id=unit_id,
                                    active=request.form.get("active") == "1")
    flash(notice("unit_toggled"), "info")
    return redirect(url_for("admin.unit_list"))


@bp.route("/accounts", methods=["GET", "POST"])
@staff_page("admin")
def account_list(actor):
    """Staff accounts of the region; add one."""
    if request.method == "POST":
        body = {k: request.form.get(k) or None for k in ("username", "password", "role",
                                                         "unit_id", "phone")}
        if body["role"] != "unit":
            body["unit_id"] = None
        try:
            staff_admin.add_account(actor=actor, body=body)
        except (ValidationFailed, Conflict) as exc:
            return rejected("admin/accounts.html", exc,
                            accounts=staff_directory.list_accounts(actor=actor),
                            units=staff_directory.list_units(actor=actor), open_form=True)
        flash(notice("account_added"), "info")
        return redirect(url_for("admin.account_list"))
    return render_template("admin/accounts.html",
                           accounts=staff_directory.list_accounts(actor=actor),
                           units=staff_directory.list_units(actor=actor))


@bp.post("/accounts/<username>/active")
@staff_page("admin")
def account_active(actor, username):
    """Lock or unlock an account; its open sessions end at their next click."""
    staff_directory.set_account_active(actor=actor, username=username,
                                       active=request.form.get("active") == "1")
    flash(notice("account_toggled"), "info")
    return redirect(url_for("admin.account_list"))


@bp.post("/accounts/<username>/password")
@staff_page("admin")
def account_password(actor, username):
    """Set a new password for an account and clear its lock-out."""
    staff_directory.reset_password(actor=actor, username=username,
                                   password=request.form.get("password"))
    flash(notice("password_reset"), "info")
    return redirect(url_for("admin.account_list"))


@bp.route("/settings", methods=["GET", "POST"])
@staff_page("admin")
def region_settings_page(actor):
    """Categories and time limits of the region."""
    error, problems, shown = None, {}, region_settings.current(actor=actor)
    if request.method == "POST":
        ids, names = request.form.getlist("category_id"), request.form.getlist("category_name")
        categories = [{"id": i or None, "name": n} for i, n in zip(ids, names)]
        limits = {k: request.form[k] for k in TimeLimits.__dataclass_fields__
                  if k in request.form}  # a limit the form did not send keeps its value
        try:
            region_settings.save(actor=actor, categories=categories, time_limits=limits)
            flash(notice("settings_saved"), "info")
            return redirect(url_for("admin.region_settings_page"))
        except DomainError as exc:
            error, problems = describe_error(exc.code, exc.fields), field_problems(exc.fields)
            # The form again as typed: the categories and limits, not the stored ones.
            shown = {**shown, "time_limits": limits,
                     "categories": [c for c in categories if c["id"] or c["name"].strip()]}
    return render_template("admin/settings.html", current=shown, error=error,
                           problems=problems), 400 if error else 200
