"""The one clock. Tests and `--now` set it; everything else asks it."""
from datetime import datetime, timezone

from functions.shared.moments import iso, parse_iso

__all__ = ["now", "set_now", "iso", "parse_iso"]

_fixed: datetime | None = None


def now() -> datetime:
    return _fixed or datetime.now(timezone.utc)


def set_now(moment: datetime | None) -> None:
    global _fixed
    _fixed = moment
