"""A suggestion's answer deadline: months after assignment, extended up to a total limit."""
import calendar
from datetime import datetime

ANSWER_MONTHS = 3  # deputy-work.md's default; a region may set `suggestion_answer_months`
MAX_TOTAL_MONTHS = 6  # with every extension granted, counted from assignment


def add_months(moment: datetime, months: int) -> datetime:
    """The same moment `months` later, on the month's last day if that day is missing."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def answer_months_of(time_limits: dict | None) -> int:
    """The region's months to answer, within 1..MAX_TOTAL_MONTHS (default 3)."""
    try:
        months = int((time_limits or {}).get("suggestion_answer_months", ANSWER_MONTHS))
    except (TypeError, ValueError):
        return ANSWER_MONTHS
    return months if 1 <= months <= MAX_TOTAL_MONTHS else ANSWER_MONTHS
