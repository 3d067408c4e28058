"""A phone's message sent at once (functions/notifications/sms_queue.py `queue`): its end is
its log record, not a write of the queue.

The write that queues the notice claims it as the queue's `at_once` batch; the sender
sends it and logs it under a key made of the batch (its region, time and id). A send that
certainly did not go (throttled) is put back for the next window by one write; any other
outcome leaves the batch in `at_once` until the phone's next message sent at once replaces
it, an hour later at least. A sender that dies after the claim leaves its outbox entry
unsettled, so the entry's next sender comes here (`settle`): a logged batch is settled; an
unlogged one younger than STUCK_AFTER may still be going out, so the entry is looked at
again then; an older one is recorded `unknown`, under the same key, and never resent.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

from functions.notifications import messages, log as notification_log
from functions.notifications import sms_pointers, sms_queue_writes as writes
from functions.notifications.sms_retry import throttled
from functions.shared.clock import iso, parse_iso

WINDOW = timedelta(hours=1)
STUCK_AFTER = timedelta(minutes=10)
TEMPLATE = "digest"


@dataclass(frozen=True)
class Queued:
    """What queueing one notice for a phone left to its sender."""
    batch: dict | None = None  # claimed for sending now: `send_claimed` it
    recheck_at: str | None = None  # its at-once send is unlogged and may still be going out


def send_claimed(phone: str, batch: dict, now: datetime, send, *, region_id: str,
                 name: str | None, log: list | None = None) -> str:
    """Send the batch `queue` claimed and record it (into `log` when given, which the
    caller writes); only a send that certainly did not go writes the queue again."""
    result, detail = send(phone=phone, template=TEMPLATE,
                          params=messages.sms_digest_params(batch["count"], batch.get("kinds")),
                          out_id=batch["batch"][:32])
    record(phone=phone, region_id=region_id, name=name, batch=batch, result=result,
           detail=detail, log=log)
    if result == "retry":  # throttled: it waits until the provider allows it
        writes.finish(phone=phone, batch=batch, unsent=[batch["entry"]], unsent_unlisted=0,
                      ready_at=throttled(phone, batch, detail, now, window=WINDOW),
                      slot="at_once")
    return result


def settle(item, entry_id: str, now: datetime, log: list | None = None) -> Queued:
    """For a notice whose queueing found it queued already: if it was this entry's message
    sent at once (`item` the queue as read), make sure the send is logged."""
    batch = (item.at_once if item is not None else None) or {}
    if (batch.get("entry") or {}).get("id") != entry_id:
        return Queued()  # waiting for a digest, or sent in one: the digest logs it
    region_id = batch.get("region_id") or item.region_id or "-"
    if notification_log.exists(region_id=region_id, at=batch["at"],
                               notification_id=batch["batch"]):
        return Queued()  # its sender logged it
    claimed = parse_iso(batch["at"])
    if now - claimed < STUCK_AFTER:
        return Queued(recheck_at=iso(claimed + STUCK_AFTER))
    record(phone=item.phone, region_id=region_id, name=item.name, batch=batch,
           result="unknown", detail="sender stopped mid-send; not resent", log=log)
    return Queued()


def record(*, phone, region_id, name, batch, result, detail, log=None, at=None) -> None:
    """Log one SMS batch, as of `at` (default: the batch's claim, which keys the record),
    with a pointer in each record it lists (functions/notifications/sms_pointers.py),
    written together by BatchWriteItem (into `log` when given, which the caller writes)."""
    fields = dict(
        now=at or parse_iso(batch["at"]), case=None, region_id=region_id or "-",
        channel="sms", recipient=phone, recipient_name=name, event="sms_digest",
        payload={"count": batch["count"], "cases": batch["cases"],
                 "kinds": batch.get("kinds") or {}},
        result=result, detail=detail, notification_id=batch["batch"])
    items = [notification_log.item(**fields), *sms_pointers.pointers(batch, fields)]
    if log is None:
        notification_log.save_all(items)
    else:
        log.extend(items)
