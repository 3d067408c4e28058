"""A region's cases received in a period, as an Excel sheet for the office's reports.

One Query on region_cases (every case of a region by creation time) between the two dates:
the export reads exactly the cases it writes (case_workbook, the same sheet as 全部诉求's).
"""
from datetime import date, datetime, time, timedelta

from functions.cases import case_workbook
from functions.cases.repository import from_item
from functions.identity.access import require_staff
from functions.shared.errors import ValidationFailed
from functions.shared.moments import SHANGHAI, iso
from functions.storage import indexes, keys
from functions.storage.models import CaseItem

MAX_DAYS = 366


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


def export_bytes(*, actor: dict, start: date, end: date, now: datetime) -> tuple[bytes, dict]:
    """(the .xlsx, {"rows", "left_out"}) of the caller's region's cases of the period."""
    cases = cases_between(actor=actor, start=start, end=end)  # checks the period up front
    return case_workbook.write(cases, region_id=actor["region_id"], now=now)
