"""How many new cases a citizen may submit: CASES_PER_HOUR and CASES_PER_DAY, exact.

Both windows live in one item per citizen and UTC day, taken by one conditional
UpdateItem just before the case is written (functions/identity/nested_windows.py), so
parallel submissions never pass a limit and a refused one writes nothing. A retry of a
stored case is found before (the case is read with the caller) and counts nothing; two
parallel tries of one key both count until the loser gives its hit back.
"""
from datetime import datetime, timedelta

from functions.identity import nested_windows
from functions.shared.config import settings

WINDOWS = (timedelta(hours=1), timedelta(days=1))
MESSAGE = "too many cases submitted, please try again later"


def limits() -> tuple:
    """(limit, window) pairs of new cases per citizen (a retry is not a new case)."""
    config = settings()
    return tuple(zip((config.cases_per_hour, config.cases_per_day), WINDOWS))


def _subject(user_id: str) -> str:
    return f"submit#{user_id}"


def take(user_id: str, now: datetime) -> None:
    """Count one new case in every window; RateLimited (nothing counted) past a limit."""
    nested_windows.take(_subject(user_id), limits=limits(), now=now, message=MESSAGE)


def give_back(user_id: str, now: datetime) -> None:
    """Uncount the case `take` counted that was not written after all."""
    nested_windows.give_back(_subject(user_id), limits=limits(), now=now)


def refuse_if_full(user_id: str, now: datetime) -> None:
    """RateLimited if a window is full, counting nothing (before storing a form's photos)."""
    nested_windows.refuse_if_full(_subject(user_id), limits=limits(), now=now,
                                  message=MESSAGE)
