"""How times are written: ISO 8601 UTC with a `Z`, to the second, everywhere we store one;
and the one local time zone, Asia/Shanghai, for working days and for display.

The one definition both the pure rules and the rest of the code use; the clock module
re-exports it.
"""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 time; a naive one is taken as UTC."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def shanghai_month(stamp: str) -> str:
    """`YYYY-MM` of a stored UTC time in Beijing time: 2026-03-31T17:00Z is April."""
    return parse_iso(stamp).astimezone(SHANGHAI).strftime("%Y-%m")


def local_time(stamp: str | None) -> str:
    """A stored time as the office reads it, in Beijing time: "2026-03-31 23:30"."""
    if not stamp:
        return ""
    return parse_iso(stamp).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def last_day_text(stamp: str | datetime | None, *, with_year: bool = False) -> str:
    """A deadline as people read it: its last day in Beijing time, "12月7日（周一）前".

    Working-day deadlines end at midnight: 12-08 00:00 means the 7th is the last day. Any
    other moment keeps its time of day: "12月8日（周二）15:30前". The API keeps ISO times.
    A file kept beyond the year (the Excel exports) says it: "2026年12月7日（周一）前".
    """
    if not stamp:
        return ""
    moment = parse_iso(stamp) if isinstance(stamp, str) else stamp.astimezone(timezone.utc)
    local = moment.astimezone(SHANGHAI)
    at_midnight = (local.hour, local.minute, local.second) == (0, 0, 0)
    day = (local - timedelta(days=1)).date() if at_midnight else local.date()
    clock = "" if at_midnight else local.strftime("%H:%M")
    year = f"{day.year}年" if with_year else ""
    return f"{year}{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）{clock}前"
