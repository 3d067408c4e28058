"""The official calendar in force: chinese_calendar plus the days admins entered.

chinese_calendar 1.11.0 knows nothing after 2026. Each year, when the State Council
(国务院办公厅) publishes the next year's holidays and adjusted working weekends, an admin
enters them here, for every region or for their own. One item holds all entries (read
once and kept briefly by each process); a year with entries counts as covered.
"""
import time
from datetime import date, datetime, timedelta

from pynamodb.exceptions import DoesNotExist, PutError

from functions.identity.access import require_staff
from functions.shared.clock import iso
from functions.shared.errors import Conflict, Forbidden, ValidationFailed
from functions.shared.working_days import SHANGHAI, EnteredDays, library_knows, uncovered_years
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import CalendarItem, RegionItem

ALL = "all"
AHEAD_DAYS = 90  # the pages warn when this much of the future is not covered
MAX_DAYS = 60  # per list and year: far more than any notice has
_CACHE_SECONDS = 60
_cache: list = []  # [(monotonic time, years map)]


def _load() -> CalendarItem:
    try:
        return CalendarItem.get(keys.OFFICIAL_CALENDAR, keys.META, consistent_read=True)
    except DoesNotExist:
        return CalendarItem(pk=keys.OFFICIAL_CALENDAR, sk=keys.META, years={})


def _years() -> dict:
    if _cache and time.monotonic() - _cache[0][0] < _CACHE_SECONDS:
        return _cache[0][1]
    years = _load().years or {}
    _cache[:] = [(time.monotonic(), years)]
    return years


def _top_level(region_id: str) -> bool:
    """Is the region a top-level one (no parent)? (regions.py reads this module, so the
    calendar reads the region item itself instead of importing it back.)"""
    try:
        return not RegionItem.get(keys.region_pk(region_id), keys.META).parent_id
    except DoesNotExist:
        return False


def remember(item: CalendarItem | None) -> None:
    """Keep entries read along with something else (the region, in one batch)."""
    _cache[:] = [(time.monotonic(), (item.years if item else None) or {})]


def forget_cached() -> None:
    _cache.clear()


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


def entries(*, actor: dict, now: datetime) -> dict:
    """What an admin or office sees: every region's entries and their region's, by year."""
    actor = require_staff(actor, "admin", "office")
    years = {}
    for year, scopes in sorted((_load().years or {}).items()):
        mine = {s: e for s, e in scopes.items() if s in (ALL, actor["region_id"])}
        if mine:
            years[year] = {("region" if s != ALL else ALL): e for s, e in mine.items()}
    this_year = now.astimezone(SHANGHAI).year
    known = [y for y in range(this_year - 1, this_year + 3) if library_knows(y)]
    return {"years": years, "coverage": coverage(actor["region_id"], now),
            "library_through": max(known, default=None)}


def set_year(*, actor: dict, year, scope, holidays, workdays, now: datetime) -> dict:
    """Replace one year's entries for every region (`all`) or the admin's (`region`);
    two empty lists remove them."""
    actor = require_staff(actor, "admin")
    year, holidays, workdays = _checked(year, scope, holidays, workdays)
    if scope == ALL and not _top_level(actor["region_id"]):
        # The State Council's notice is national: a town's admin enters only its own days.
        raise Forbidden("only the admin of a top-level region enters days for every region")
    target = ALL if scope == ALL else actor["region_id"]
    for _ in range(5):
        item = _load()
        years = dict(item.years or {})
        scopes = dict(years.get(str(year)) or {})
        if holidays or workdays:
            scopes[target] = {"holidays": holidays, "workdays": workdays,
                              "by": actor["username"], "at": iso(now)}
        else:
            scopes.pop(target, None)
        years[str(year)] = scopes
        item.years = {y: s for y, s in years.items() if s}
        try:
            item.save()
        except PutError as exc:
            if is_condition_failure(exc):
                continue  # another admin saved meanwhile: apply ours to theirs
            raise
        forget_cached()
        return entries(actor=actor, now=now)
    raise Conflict("the calendar kept changing; try again")


def _checked(year, scope, holidays, workdays):
    problems = {}
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        problems["year"] = "a year from 2000 to 2100"
        year = None
    if scope not in (ALL, "region"):
        problems["scope"] = "all or region"
    lists = {}
    for name, value in (("holidays", holidays), ("workdays", workdays)):
        days, problem = _days(value, year)
        lists[name] = days
        if problem:
            problems[name] = problem
    if not problems and set(lists["holidays"]) & set(lists["workdays"]):
        problems["workdays"] = "a day cannot be both a holiday and a working day"
    if problems:
        raise ValidationFailed("invalid calendar entries", problems)
    return year, lists["holidays"], lists["workdays"]


def _days(value, year):
    """Sorted distinct ISO dates within `year`, or a problem."""
    if value is None:
        return [], None
    if not isinstance(value, list) or len(value) > MAX_DAYS:
        return [], f"a list of at most {MAX_DAYS} dates (YYYY-MM-DD)"
    days = set()
    for text in value:
        try:
            day = date.fromisoformat(text) if isinstance(text, str) and len(text) == 10 \
                else None
        except ValueError:
            day = None
        if day is None or (year and day.year != year):
            return [], f"dates as YYYY-MM-DD within {year or 'the year'}"
        days.add(day.isoformat())
    return sorted(days), None


def health_coverage(now: datetime) -> dict:
    """Every region's calendar (library + entries for all) over the next 90 days, said
    plainly: working days there are counted Monday to Friday until someone enters them."""
    from functions.notifications import messages
    report = coverage(None, now)
    if not report["covered"]:
        report["message"] = messages.calendar_uncovered(report["uncovered_years"])
    return report
