"""The official calendar in force: chinese_calendar plus the days admins entered.

chinese_calendar 1.11.0 knows nothing after 2026. Each year, when the State Council
(国务院办公厅) publishes the next year's holidays and adjusted working weekends, an admin
enters them (functions/org/calendar_entries.py), for every region or for their own. One
item holds all entries (read once and kept briefly by each process); a year with entries
counts as covered.
"""
import time
from datetime import date, datetime, timedelta

from pynamodb.exceptions import DoesNotExist

from functions.shared.timed_cache import TimedCache
from functions.shared.working_days import SHANGHAI, EnteredDays, uncovered_years
from functions.storage import keys
from functions.storage.models import CalendarItem

ALL = "all"
AHEAD_DAYS = 90  # the pages warn when this much of the future is not covered
_CACHE_SECONDS = 60
_kept = TimedCache(_CACHE_SECONDS, clock=time.monotonic)  # the years map, under ALL


def load_item() -> CalendarItem:
    """The calendar item as stored (an empty one before any entry)."""
    try:
        return CalendarItem.get(keys.OFFICIAL_CALENDAR, keys.META, consistent_read=True)
    except DoesNotExist:
        return CalendarItem(pk=keys.OFFICIAL_CALENDAR, sk=keys.META, years={})


def _years() -> dict:
    years = _kept.get(ALL)
    if years is None:
        years = _kept.put(ALL, load_item().years or {})
    return years


def remember(item: CalendarItem | None) -> None:
    """Keep entries read along with something else (the region, in one batch)."""
    _kept.put(ALL, (item.years if item else None) or {})


def forget_cached() -> None:
    _kept.forget()


def in_force(region_id: str | None) -> EnteredDays:
    """The entered days that apply to `region_id` (every region's, then its own)."""
    holidays, workdays, covered = set(), set(), set()
    for year, scopes in _years().items():
        for scope in (ALL, region_id):
            entry = scopes.get(scope) if scope else None
            if entry:
                covered.add(int(year))
                holidays.update(date.fromisoformat(d) for d in entry.get("holidays") or [])
                workdays.update(date.fromisoformat(d) for d in entry.get("workdays") or [])
    return EnteredDays(frozenset(holidays), frozenset(workdays), frozenset(covered))


def coverage(region_id: str | None, now: datetime) -> dict:
    """Whether the next AHEAD_DAYS days are covered by the library or entries."""
    today = now.astimezone(SHANGHAI).date()
    missing = uncovered_years(today, AHEAD_DAYS, in_force(region_id))
    return {"covered": not missing, "uncovered_years": missing, "days_ahead": AHEAD_DAYS,
            "checked_through": (today + timedelta(days=AHEAD_DAYS)).isoformat()}


def health_coverage(now: datetime) -> dict:
    """Every region's calendar (library + entries for all) over the next 90 days, said
    plainly: working days there are counted Monday to Friday until someone enters them."""
    from functions.notifications import messages
    report = coverage(None, now)
    if not report["covered"]:
        report["message"] = messages.calendar_uncovered(report["uncovered_years"])
    return report
