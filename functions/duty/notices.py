"""Duty notices: a deputy hears that a self-reported record was verified or rejected and
that an activity of its region was published; the office hears nightly of records
waiting for its check.

Each notice is one item per person, owed once (its id derives from the event and the
person), delivered right after the write that owes it (best effort) and otherwise by
the notify drain, which finds it in the `outbox` index. A notice for a whole audience
(a region's deputies, its office) is fanned out by the drain into one per person. A
send is claimed first (a versioned write); a sender that died holding the claim is
recorded as `unknown`, never resent. Channels: notice_channels.py.
"""
import logging
from datetime import datetime, timedelta

from pynamodb.exceptions import DoesNotExist, PutError

from functions.notifications import log as notification_log
from functions.shared.clock import iso, parse_iso
from functions.shared.ids import derived_id
from functions import deputies
from functions.cases.repository import shard_of
from functions.identity import staff_contacts
from functions.storage import indexes, keys
from functions.storage.conditions import is_condition_failure
from . import notice_channels
from .messages import PENDING_SUBJECT
from .models import DutyNoticeItem, DutyRecordItem, notice_pk, pending_key

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))


def owe(*, event: str, region_id: str, ref: str, subject: str, now: datetime,
        deputy_id: str | None = None, audience: str = "deputies") -> None:
    """Owe a notice to one deputy (tried at once) or to an audience (fanned out by the
    drain, not in the request). A repeat is a no-op; never raises: the write that owes
    it stands either way."""
    try:
        recipient = f"deputy:{deputy_id}" if deputy_id else None
        notice_id = _owe(event, region_id, ref, subject, now, recipient,
                         "one" if deputy_id else audience)
        if notice_id and deputy_id:
            deliver(notice_id, now)
    except Exception:  # the notice waits in the outbox index; the drain retries it
        log.exception("duty notice for %s %s not written or not delivered", event, ref)


def owe_pending_digest(region_id: str, now: datetime) -> bool:
    """The office's daily word of the records waiting for its check (none: nothing)."""
    waiting = indexes.pending_records.index(DutyRecordItem).count(pending_key(region_id))
    if not waiting:
        return False
    day = iso(now)[:10]
    return bool(_owe("duty_pending", region_id, f"{region_id}:{day}",
                     PENDING_SUBJECT.format(count=waiting), now, None, "office"))


def _owe(event, region_id, ref, subject, now, recipient, audience) -> str | None:
    """Write the notice unless it exists; its id if written now."""
    notice_id = "n" + derived_id("duty-notice", event, ref, recipient or audience)
    at = iso(now)
    item = DutyNoticeItem(pk=notice_pk(notice_id), sk=keys.META, notice_id=notice_id,
                          region_id=region_id, event=event, recipient=recipient,
                          audience=audience, subject=subject[:100], ref=ref, at=at,
                          outbox_pk=keys.outbox_key(shard_of(notice_id)),
                          outbox_at=f"{at}#{notice_id}")
    try:
        item.save(condition=DutyNoticeItem.pk.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            return None
        raise
    return notice_id


def deliver(notice_id: str, now: datetime) -> str:
    """Send a due notice (or fan an audience's out into one per person); what happened."""
    try:
        item = DutyNoticeItem.get(notice_pk(notice_id), keys.META, consistent_read=True)
    except DoesNotExist:
        return "gone"
    if not item.outbox_pk or item.outbox_at.split("#")[0] > iso(now):
        return "not_due"
    if item.audience != "one":
        for recipient in _audience(item):  # each its own notice: a rerun makes none twice
            _owe(item.event, item.region_id, item.ref, item.subject, parse_iso(item.at),
                 recipient, "one")
        item.outbox_pk = item.outbox_at = None
        return "fanned_out" if _save(item) else "raced"
    stale = bool(item.claimed_at)
    item.claimed_at, item.attempts = iso(now), (item.attempts or 0) + 1
    item.outbox_at = f"{iso(now + LEASE)}#{notice_id}"
    if not _save(item):  # another sender claimed it first
        return "raced"
    attempts = [("wechat", "unknown", "the sender stopped during this send; not resent")] \
        if stale else notice_channels.send(item, now)
    retry = False
    for channel, result, detail in attempts:
        if result == "retry" and item.attempts > len(BACKOFF):
            result, detail = "failed", f"gave up after {item.attempts} attempts: {detail}"
        retry = retry or result == "retry"
        notification_log.record(case=None, region_id=item.region_id, channel=channel,
                                recipient=item.recipient, event=item.event,
                                payload={"ref": item.ref}, result=result, detail=detail,
                                attempts=item.attempts, now=now)
    item.claimed_at = None
    if retry:
        later = now + BACKOFF[min(item.attempts, len(BACKOFF)) - 1]
        item.outbox_at = f"{iso(later)}#{notice_id}"
    else:
        item.outbox_pk = item.outbox_at = None
    _save(item)
    return "retry" if retry else attempts[-1][1]


def _audience(item: DutyNoticeItem) -> list[str]:
    if item.audience == "office":
        return [f"staff:{s['username']}"
                for s in staff_contacts.active_accounts(region_id=item.region_id)]
    return [f"deputy:{d.deputy_id}" for d in deputies.region_deputy_items(item.region_id)
            if d.active]


def _save(item: DutyNoticeItem) -> bool:
    try:
        item.save()
    except PutError as exc:
        if is_condition_failure(exc):
            return False  # another sender moved it on
        raise
    return True
