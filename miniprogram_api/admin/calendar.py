"""法定节假日: the official days admins enter beyond the library, and the warning when
the next 90 days are not covered."""
import re

from flask import flash, redirect, render_template, request, url_for

from functions.org import calendar_entries
from functions.shared.errors import DomainError
from miniprogram_api.admin.base import bp, now, staff_page
from miniprogram_api.admin.messages import describe_error, notice
from functions.shared.validation import plain_digits


def _days(field: str) -> list[str]:
    """Dates typed one per line, or separated by commas or spaces."""
    return [d for d in re.split(r"[\s,，、]+", request.form.get(field, "").strip()) if d]


@bp.route("/calendar", methods=["GET", "POST"])
@staff_page("admin")
def calendar_page(actor):
    """Enter one year's official holidays and adjusted working weekends."""
    error = None
    if request.method == "POST":
        year = request.form.get("year", "")
        try:
            calendar_entries.set_year(
                actor=actor, year=int(year) if plain_digits(year) else year,
                scope=request.form.get("scope"), holidays=_days("holidays"),
                workdays=_days("workdays"), now=now())
            flash(notice("calendar_saved", year=year), "info")
            return redirect(url_for("admin.calendar_page"))
        except DomainError as exc:
            error = describe_error(exc.code, exc.fields)
    return render_template("admin/calendar.html",
                           current=calendar_entries.entries(actor=actor, now=now()),
                           error=error, form=request.form), 400 if error else 200
