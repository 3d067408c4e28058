"""When an upload left pending (unattached) is removed, in S3 and in the local folder alike,
and from when it may no longer be kept (attached)."""
from datetime import datetime, timedelta, timezone

# A pending file this close to its removal is no longer kept: S3 may have queued it already
# (our clock and S3's, a request that takes a while), and a queued object goes untagged or not.
KEEP_MARGIN = timedelta(minutes=5)


def pending_removal(made: datetime) -> datetime:
    """When a file made at `made` and still pending is removed: the bucket's rule
    (ExpirationInDays: 1) adds a day to its creation and rounds up to the next UTC midnight,
    so it is the start of the second UTC day after its day; the local sweep does the same."""
    day = made.astimezone(timezone.utc).date()
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc) + timedelta(days=2)


def too_late_to_keep(removal: datetime, now: datetime) -> bool:
    """At `now`, a pending file due for removal at `removal` may no longer be kept (shown)."""
    return now >= removal - KEEP_MARGIN
