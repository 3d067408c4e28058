"""全部诉求: every case of the region (office, admin) with the API's filters, the filtered
list as Excel, and the printable 办理单 of one case."""
from flask import render_template, request

from functions import deputies
from functions.cases import all_cases, case_workbook, filtered_export
from functions.cases.case_sheet import case_sheet
from functions.cases.states import STATUSES
from functions.org import units
from functions.org.regions import cached_region, categories_of
from functions.shared.errors import ValidationFailed
from miniprogram_api.admin.base import bp, now, staff_page
from miniprogram_api.admin.downloads import xlsx_download
from miniprogram_api.admin.messages import describe_error, field_problems

PAGE_SIZE = 30
FILTER_NAMES = {"category": "类别", "unit_id": "承办单位", "deputy_id": "代表",
                "from": "开始日期", "to": "结束日期"}


def _choices(actor: dict) -> dict:
    """What the filter form offers: the region's statuses, categories, units, deputies."""
    region_id = actor["region_id"]
    return {"statuses": STATUSES, "categories": categories_of(cached_region(region_id)),
            "units": units.list_units(region_id=region_id),
            "deputies": [{"id": d.deputy_id, "name": d.name}
                         for d in deputies.region_deputy_items(region_id, page_size=100)]}


@bp.get("/cases")
@staff_page("office", "admin")
def all_cases_page(actor):
    """All of the region's cases, newest first, by status, category, unit, deputy, dates."""
    problems, alert = {}, None
    try:
        rows = all_cases.find_page(actor=actor, args=request.args, now=now(),
                                   limit=request.args.get("limit") or PAGE_SIZE,
                                   cursor=request.args.get("cursor"))
    except ValidationFailed as exc:
        rows = {"items": [], "next_cursor": None, "filters": {}}
        problems = field_problems(exc.fields, FILTER_NAMES)
        alert = describe_error(exc.code, exc.fields, FILTER_NAMES)
    return render_template("admin/all_cases.html", rows=rows, args=request.args,
                           problems=problems, alert=alert, export_limit=case_workbook.MAX_ROWS,
                           **_choices(actor)), 400 if alert else 200


@bp.get("/cases/export.xlsx")
@staff_page("office", "admin")
def all_cases_export(actor):
    """The filtered list as Excel: answer, close date, each stage's deadline and on-time."""
    moment = now()
    data, summary = filtered_export.export_bytes(actor=actor, args=request.args, now=moment)
    return xlsx_download(data, f"cases-{moment.strftime('%Y%m%d-%H%M')}.xlsx", summary)


@bp.get("/cases/<case_id>/sheet")
@staff_page()
def case_sheet_page(actor, case_id):
    """The 办理单 of one case, laid out for A4 print."""
    return render_template("admin/case_sheet.html",
                           **case_sheet(case_id=case_id, actor=actor, now=now()))
