"""How times are written: ISO 8601 UTC with a `Z`, to the second, everywhere we store one;
and the one local time zone, Asia/Shanghai, for working days and for display.

The one definition both the pure rules and the rest of the code use; the clock module
re-exports it.
"""
from datetime import datetime, timezone
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
