"""Reports: the 数据驾驶舱, the notification log and the Excel export of cases."""
from datetime import date

from flask import flash, redirect, render_template, request, url_for

from functions.cases import export as case_export
from functions.reporting import dashboard_figures
from functions.notifications import log as notification_log
from functions.shared.errors import ValidationFailed
from miniprogram_api.admin.base import bp, now, staff_page
from miniprogram_api.admin.downloads import xlsx_download
from miniprogram_api.admin.messages import notice


@bp.get("/dashboard")
@staff_page("admin", "office")
def dashboard(actor):
    """Figures from counters and the nightly rollup: a few reads whatever the case count."""
    return render_template("admin/dashboard.html",
                           figures=dashboard_figures.figures(actor=actor, now=now()))


@bp.post("/dashboard/refresh")
@staff_page("admin", "office")
def dashboard_refresh(actor):
    """Recompute the ranking and the frequent words now instead of tonight."""
    dashboard_figures.refresh(actor=actor, now=now())
    flash(notice("rollup_refreshed"), "info")
    return redirect(url_for("admin.dashboard"))


@bp.get("/notifications")
@staff_page(*notification_log.READERS)
def notifications(actor):
    """What was sent or recorded, to whom, with what result; newest first."""
    rows = notification_log.list_records(
        actor=actor, record_id=request.args.get("record_id") or None,
        case_id=request.args.get("case_id") or None,
        channel=request.args.get("channel") or None, cursor=request.args.get("cursor"),
        limit=50)
    return render_template("admin/notifications.html", rows=rows, args=request.args)


def _day(name: str, default: date) -> date:
    text = request.args.get(name)
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationFailed("invalid date", {"period": "YYYY-MM-DD"}) from None


@bp.get("/export")
@staff_page("admin", "office")
def export_form(actor):
    """Choose the period of cases to export."""
    today = case_export.local_today(now())
    return render_template("admin/export.html", today=today.isoformat(),
                           month_start=today.replace(day=1).isoformat())


@bp.get("/export/cases.xlsx")
@staff_page("admin", "office")
def export_cases(actor):
    """The region's cases received in the period, as an Excel sheet."""
    today = case_export.local_today(now())
    start, end = _day("start", today.replace(day=1)), _day("end", today)
    data, counted = case_export.export_bytes(actor=actor, start=start, end=end, now=now())
    return xlsx_download(data, f"cases-{start}-{end}.xlsx", counted)
