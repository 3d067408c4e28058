"""Working days on the PRC official calendar, adjusted working weekends (调休) included.

The calendar in force is chinese_calendar's published schedule plus the days an admin
entered from each year's State Council notice (`EnteredDays`, passed in: this module
stays pure). For a year neither knows, Monday–Friday is assumed and `uncovered_years`
says so, so the pages can warn; no holiday is ever invented.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar

from functions.shared.moments import SHANGHAI

MORNING = time(9, 0)  # when the office's working day starts, for daily notices


@dataclass(frozen=True)
class EnteredDays:
    """Days an admin entered: official holidays, adjusted working weekends, and the
    years those entries stand for (a year entered is a year covered)."""
    holidays: frozenset = frozenset()
    workdays: frozenset = frozenset()
    years: frozenset = frozenset()


NO_ENTRIES = EnteredDays()


def library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def is_working_day(day: date, entered: EnteredDays = NO_ENTRIES) -> bool:
    if day in entered.workdays:
        return True
    if day in entered.holidays:
        return False
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: datetime, days: int, entered: EnteredDays = NO_ENTRIES
                     ) -> datetime:
    """End of the `days`-th working day after `start`'s local day, as an aware UTC time.

    The day something arrives does not count (as in 《信访工作条例》 counting):
    a case in on Friday with 3 working days is due at the end of Wednesday,
    or later if holidays intervene.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    day = start.astimezone(SHANGHAI).date()
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, entered):
            counted += 1
    end_of_day = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=SHANGHAI)
    return end_of_day.astimezone(ZoneInfo("UTC"))


def next_working_morning(after: datetime, entered: EnteredDays = NO_ENTRIES) -> datetime:
    """09:00 Beijing time of the first working day after `after`'s local day, in UTC."""
    day = after.astimezone(SHANGHAI).date() + timedelta(days=1)
    while not is_working_day(day, entered):
        day += timedelta(days=1)
    return datetime.combine(day, MORNING, tzinfo=SHANGHAI).astimezone(ZoneInfo("UTC"))


def uncovered_years(start: date, days: int, entered: EnteredDays = NO_ENTRIES) -> list[int]:
    """Years within `days` from `start` that neither the library nor the entries cover."""
    years = range(start.year, (start + timedelta(days=days)).year + 1)
    return [y for y in years if not library_knows(y) and y not in entered.years]


def add_hours(start: datetime, hours: int) -> datetime:
    return (start + timedelta(hours=hours)).astimezone(ZoneInfo("UTC"))
