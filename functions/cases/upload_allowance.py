"""An uploader's daily allowance: so many files and bytes a UTC day (a case takes 9 photos
at most), on one THROTTLE item, taken by one atomic conditional ADD before a file is stored
(parallel uploads cannot pass it) and given back by a try that stored nothing."""
import logging
from datetime import datetime, timedelta

from pynamodb.exceptions import UpdateError

from functions.identity import throttle
from functions.shared.clock import iso
from functions.shared.errors import RateLimited
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import ThrottleItem

FILES_PER_DAY = 100
BYTES_PER_DAY = 300 * 1024 * 1024
DAY = timedelta(days=1)
log = logging.getLogger(__name__)


def count(owner_id: str, size: int, now: datetime) -> None:
    """One file of `size` bytes more today; 429 beyond the day's allowance."""
    start = throttle.window_start(now, DAY)
    room = (ThrottleItem.hits.does_not_exist() | (ThrottleItem.hits < FILES_PER_DAY)) & \
        (ThrottleItem.volume.does_not_exist() | (ThrottleItem.volume <= BYTES_PER_DAY - size))
    try:
        _item(owner_id, now).update(
            actions=[ThrottleItem.item_type.set(ThrottleItem), ThrottleItem.hits.add(1),
                     ThrottleItem.volume.add(size), ThrottleItem.window_start.set(iso(start)),
                     ThrottleItem.expires_at.set(start + 2 * DAY)],
            condition=room, add_version_condition=False)
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        raise RateLimited("too many photos uploaded today", {
            "retry_after": iso(start + DAY),
            "file": f"at most {FILES_PER_DAY} photos and "
                    f"{BYTES_PER_DAY // (1024 * 1024)} MB a day"}) from None


def give_back(owner_id: str, size: int, now: datetime) -> None:
    """Undo `count` of the same request (same `now`): it stored nothing."""
    _item(owner_id, now).update(actions=[ThrottleItem.hits.add(-1),
                                         ThrottleItem.volume.add(-size)],
                                condition=ThrottleItem.hits >= 1, add_version_condition=False)


def give_back_after_failure(owner_id: str, size: int, now: datetime) -> None:
    """`give_back` for a try that failed storing: if the store fails this too (it is away),
    the count stays (logged) and the try's own error is what its caller raises."""
    try:
        give_back(owner_id, size, now)
    except Exception:
        log.warning("upload of %s failed and its count was not given back", owner_id,
                    exc_info=True)


def _item(owner_id: str, now: datetime) -> ThrottleItem:
    return ThrottleItem(pk=throttle.window_pk(f"uploads#{owner_id}", window=DAY, now=now),
                        sk=keys.META)
