"""Fixed-window limits, each one atomic conditional UpdateItem: parallel requests all
count and never more than `limit` pass. A refusal is `429 rate_limited` with `retry_after`.
"""
from datetime import datetime, timedelta

from pynamodb.exceptions import UpdateError

from functions.clock import iso
from functions.domain.errors import RateLimited
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import ThrottleItem


def window_start(now: datetime, window: timedelta) -> datetime:
    seconds = int(window.total_seconds())
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=now.tzinfo)


def take(subject: str, *, limit: int, window: timedelta, now: datetime, message: str,
         amount: int = 1) -> int:
    """Count `amount` against `subject` in the current window; → the window's total.

    RateLimited (nothing counted) when the total would pass `limit`."""
    start = window_start(now, window)
    if amount > limit:
        raise RateLimited(message, {"retry_after": iso(start + window)})
    item = ThrottleItem(pk=keys.throttle_pk(f"{subject}#{int(start.timestamp())}"),
                        sk=keys.META)
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
    start = window_start(now, window)
    ThrottleItem(pk=keys.throttle_pk(f"{subject}#{int(start.timestamp())}"), sk=keys.META) \
        .update(actions=[ThrottleItem.hits.add(-amount)], add_version_condition=False)


def hits(subject: str, *, window: timedelta, now: datetime) -> int:
    """How much `subject` has counted in the current window (0 if nothing)."""
    from pynamodb.exceptions import DoesNotExist
    start = window_start(now, window)
    try:
        return int(ThrottleItem.get(keys.throttle_pk(f"{subject}#{int(start.timestamp())}"),
                                    keys.META, consistent_read=True).hits)
    except DoesNotExist:
        return 0
