"""A region's cases received in a period, as an Excel sheet for the office's reports.

One Query on region_cases (every case of a region by creation time) between the two dates:
the export reads exactly the cases it writes. Contact phones stay out of the file.
"""
from datetime import date, datetime, time, timedelta

from functions.shared import excel_io
from functions.identity.access import require_staff
from functions.shared.clock import iso, parse_iso
from functions.shared.errors import ValidationFailed
from functions.notifications.messages import RATING_NAMES, STATUS_NAMES, TYPE_NAMES
from functions.org.regions import cached_region, categories_of
from functions.storage import indexes, keys
from functions.cases.repository import from_item
from functions.storage.models import CaseItem
from functions.shared.moments import SHANGHAI

MAX_DAYS = 366
HEADER = ["编号", "提交时间", "类别", "类型", "状态", "内容", "代表", "承办单位", "逾期",
          "退回重办次数", "评价", "最后更新"]


def local_time(stamp: str | None) -> str:
    if not stamp:
        return ""
    return parse_iso(stamp).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def local_today(moment: datetime) -> date:
    """The day it is in Shanghai at `moment`: the office's "today"."""
    return moment.astimezone(SHANGHAI).date()


def _bounds(start: date, end: date) -> tuple[str, str]:
    """UTC stamps of the first and last moment of the period, in Shanghai days."""
    if not isinstance(start, date) or not isinstance(end, date) or end < start:
        raise ValidationFailed("invalid period", {"period": "start on or before end"})
    if (end - start).days > MAX_DAYS:
        raise ValidationFailed("invalid period", {"period": "at most one year"})
    first = datetime.combine(start, time.min, SHANGHAI)
    after = datetime.combine(end + timedelta(days=1), time.min, SHANGHAI)
    return iso(first), iso(after - timedelta(seconds=1))


def cases_between(*, actor: dict, start: date, end: date):
    actor = require_staff(actor, "admin", "office")
    low, high = _bounds(start, end)
    # Sort keys are the creation stamp; '~' sorts after any suffix on the same second.
    query = indexes.region_cases.query(
        CaseItem, keys.region_cases_key(actor["region_id"]),
        indexes.region_cases.sort_key(CaseItem).between(low, high + "~"), page_size=100)
    return (from_item(item) for item in query)


def export_bytes(*, actor: dict, start: date, end: date) -> bytes:
    names = {c["id"]: c["name"] for c in categories_of(cached_region(actor["region_id"]))}
    cases = cases_between(actor=actor, start=start, end=end)  # checks the period up front

    def rows():
        for case in cases:
            rating = (case.get("rating") or {}).get("rating")
            yield [case["id"], local_time(case["created_at"]),
                   names.get(case["category"], case["category"]),
                   TYPE_NAMES.get(case["type"], case["type"]),
                   STATUS_NAMES.get(case["status"], case["status"]), case["content"],
                   case.get("deputy_name") or "", case.get("unit_name") or "",
                   "是" if case.get("overdue") else "否", int(case.get("rehandle_count") or 0),
                   RATING_NAMES.get(rating, ""), local_time(case["updated_at"])]
    return excel_io.write_sheet("诉求", HEADER, rows(),
                                widths=[22, 18, 12, 8, 12, 60, 10, 20, 6, 8, 10, 18])
