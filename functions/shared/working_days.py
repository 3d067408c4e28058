"""Working days on the PRC official calendar, adjusted working weekends (调休) included.

chinese_calendar knows the State Council's published schedule; for a year it does not
know yet (published each November for the next year) we fall back to Monday–Friday,
which is what an office would assume too until the notice comes out.
"""
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar

from functions.shared.moments import SHANGHAI



def is_working_day(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: datetime, days: int) -> datetime:
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
        if is_working_day(day):
            counted += 1
    end_of_day = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=SHANGHAI)
    return end_of_day.astimezone(ZoneInfo("UTC"))


def add_hours(start: datetime, hours: int) -> datetime:
    return (start + timedelta(hours=hours)).astimezone(ZoneInfo("UTC"))
