"""What follows a case write: counters, then the notifications it owes, best effort.

The case item already holds its outbox, so a failure here loses nothing: the notify
drain sends what is still in the outbox and the reconcile job repairs the counters.
"""
import logging

from functions import counters

log = logging.getLogger(__name__)


def submission_counted(user_id: str, now) -> None:
    """One more new case in the citizen's hourly and daily windows (submission.limits)."""
    from functions import submission, throttle
    try:
        for window in submission.WINDOWS:
            throttle.count(f"submit#{user_id}", window=window, now=now)
    except Exception:  # the case stands; a missed count only lets one more through
        log.exception("submission not counted for user %s", user_id)


def case_written(old: dict | None, new: dict, now=None) -> None:
    try:
        counters.record_move(old, new)
    except Exception:  # the write stands; the nightly reconcile repairs the figures
        log.exception("counters not updated for case %s", new["id"])
    if new.get("outbox"):
        try:
            from functions import notify
            notify.deliver_case(new["id"], now, case=new)
        except Exception:  # the outbox keeps it; the next drain retries
            log.exception("immediate delivery failed for case %s", new["id"])
