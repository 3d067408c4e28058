"""What this process last saw of each phone's SMS window, to skip a claim bound to fail.

A phone's `last_sent_at` moves forward (a claim needs it an hour old, a digest sets it to
its own moment), so a moment this process saw it at is a lower bound of it: while that
moment is within the hour, the queue's claim-at-once condition
(functions/notifications/sms_queue_writes.py `claim_at_once`) fails for certain, and the
notice goes straight to the phone's digest in one write instead of two. Only a throttled
send moves it back (functions/notifications/sms_retry.py); its notice then waits in the
queue's `pending` until the retry's digest sets it forward again, and a waiting notice
fails that claim as well. Nothing here is
trusted beyond that: an unknown or old moment means "try the claim".
"""
from datetime import datetime, timedelta

from functions.shared.clock import iso
from functions.shared.config import settings

WINDOW = timedelta(hours=1)
MAX_PHONES = 5000  # forgotten all at once beyond this: at worst one claim each is tried again
_seen: dict[tuple, str] = {}


def _key(phone: str) -> tuple:
    installed = settings()
    return installed.store_endpoint, installed.table_name, phone


def saw_sent(phone: str, at: str) -> None:
    """The phone's `last_sent_at` was `at` (written by this process) or later."""
    if len(_seen) >= MAX_PHONES:
        _seen.clear()
    key = _key(phone)
    _seen[key] = max(at, _seen.get(key, at))


def surely_closed(phone: str, now: datetime) -> bool:
    """Is the phone's window certainly still closed at `now`?"""
    at = _seen.get(_key(phone))
    return at is not None and at > iso(now - WINDOW)
