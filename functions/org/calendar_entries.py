"""Admins enter the official days: each year's holidays and adjusted working weekends, for
every region (`all`, a top-level region's admin) or for their own, as the State Council
publishes them; functions/org/calendar.py applies them."""
from datetime import date, datetime

from pynamodb.exceptions import DoesNotExist, PutError

from functions.identity.access import require_staff
from functions.org.calendar import ALL, coverage, forget_cached, load_item
from functions.shared.clock import iso
from functions.shared.errors import Conflict, Forbidden, ValidationFailed
from functions.shared.working_days import SHANGHAI, library_knows
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import RegionItem

MAX_DAYS = 60  # per list and year: far more than any notice has


def entries(*, actor: dict, now: datetime) -> dict:
    """What an admin or office sees: every region's entries and their region's, by year."""
    actor = require_staff(actor, "admin", "office")
    years = {}
    for year, scopes in sorted((load_item().years or {}).items()):
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
        item = load_item()
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


def _top_level(region_id: str) -> bool:
    """Is the region a top-level one (no parent)? (Written when this lived in calendar.py,
    which regions.py reads: the region item is read here, not through regions.py.)"""
    try:
        return not RegionItem.get(keys.region_pk(region_id), keys.META).parent_id
    except DoesNotExist:
        return False
