"""Fixed-window limits, each one atomic conditional UpdateItem: parallel requests all
count and never more than `limit` pass. A refusal is `429 rate_limited` with `retry_after`.
"""
from datetime import datetime, timedelta

from pynamodb.exceptions import UpdateError

from functions.shared.clock import iso
from functions.shared.errors import RateLimited
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import ThrottleItem


def window_start(now: datetime, window: timedelta) -> datetime:
    seconds = int(window.total_seconds())
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=now.tzinfo)


def window_pk(subject: str, *, window: timedelta, now: datetime) -> str:
    """The item counting `subject` in the window `now` falls in. The window's length is
    part of the key: an hour and a day that start at the same moment (the first hour of a
    UTC day) are two windows, never one item counted twice."""
    start = int(window_start(now, window).timestamp())
    return keys.throttle_pk(f"{subject}#{int(window.total_seconds())}s#{start}")


def refuse_if_full(item, *, limit: int, window: timedelta, now: datetime,
                   message: str) -> None:
    """RateLimited when a window item read beforehand already holds `limit` hits."""
    if isinstance(item, ThrottleItem) and int(item.hits or 0) >= limit:
        raise RateLimited(message, {"retry_after": iso(window_start(now, window) + window)})


def count(subject: str, *, window: timedelta, now: datetime, amount: int = 1) -> None:
    """Count `amount` against `subject` with no condition (checked beforehand)."""
    start = window_start(now, window)
    ThrottleItem(pk=window_pk(subject, window=window, now=now), sk=keys.META).update(
        actions=[ThrottleItem.item_type.set(ThrottleItem), ThrottleItem.hits.add(amount),
                 ThrottleItem.window_start.set(iso(start)),
                 ThrottleItem.expires_at.set(start + window * 2)],
        add_version_condition=False)


def take(subject: str, *, limit: int, window: timedelta, now: datetime, message: str,
         amount: int = 1) -> int:
    """Count `amount` against `subject` in the current window; → the window's total.

    RateLimited (nothing counted) when the total would pass `limit`."""
    start = window_start(now, window)
    if amount > limit:
        raise RateLimited(message, {"retry_after": iso(start + window)})
    item = ThrottleItem(pk=window_pk(subject, window=window, now=now), sk=keys.META)
    condition = ThrottleItem.hits.does_not_exist() | (ThrottleItem.hits <= limit - amount)
    try:
        item.update(actions=[ThrottleItem.item_type.set(ThrottleItem),
                             ThrottleItem.hits.add(amount),
                             ThrottleItem.window_start.set(iso(start)),
                             ThrottleItem.expires_at.set(start + window * 2)],
                    condition=condition, add_version_condition=False)
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        raise RateLimited(message, {"retry_after": iso(start + window)}) from None
    return int(item.hits)


def give_back(subject: str, *, window: timedelta, now: datetime, amount: int = 1) -> None:
    """Uncount what `take` counted (an attempt that turned out right)."""
    ThrottleItem(pk=window_pk(subject, window=window, now=now), sk=keys.META) \
        .update(actions=[ThrottleItem.hits.add(-amount)], add_version_condition=False)


def hits(subject: str, *, window: timedelta, now: datetime) -> int:
    """How much `subject` has counted in the current window (0 if nothing)."""
    from pynamodb.exceptions import DoesNotExist
    try:
        return int(ThrottleItem.get(window_pk(subject, window=window, now=now),
                                    keys.META, consistent_read=True).hits)
    except DoesNotExist:
        return 0
