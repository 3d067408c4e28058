"""A phone's SMS queue, added to: the first message goes at once, later ones wait and go as
one digest (functions/notifications/sms_digest.py).

Adding is idempotent (entries keyed by id) and takes one conditional write; the first
message's claim travels in the write that queues it (functions/notifications/sms_queue_writes.py)
and its log record ends it (functions/notifications/sms_at_once.py): one write per message
sent at once.
"""
from datetime import datetime

from functions.notifications import sms_queue_writes as writes, sms_windows
from functions.notifications.sms_at_once import WINDOW, Queued, settle
from functions.shared.clock import iso

# Beyond this many listed entries a queue only counts: the item stays far below
# DynamoDB's 400 KB even for a phone that hears of thousands of cases in one hour.
MAX_LISTED = 300


def enqueue(*, phone: str, entry_id: str, case: dict, event: str, now: datetime,
            name: str | None = None, claim: bool = False, kind: str = "case") -> dict | None:
    """`queue`'s batch claimed for sending now, or None."""
    return queue(phone=phone, entry_id=entry_id, case=case, event=event, now=now, name=name,
                 claim=claim, kind=kind).batch


def queue(*, phone: str, entry_id: str, case: dict, event: str, now: datetime,
          name: str | None = None, claim: bool = False, kind: str = "case",
          log: list | None = None) -> Queued:
    """Add one message for `phone` about a record of `kind` (case, suggestion) (a no-op
    while this entry is waiting or was in the last batch sent), in one conditional write.
    With `claim`, when the phone may hear now, the same write claims it: the batch
    returned must be sent by `send_claimed` at once (not tried while this process knows
    the window is closed: functions/notifications/sms_windows.py). Found queued already,
    this entry's own message sent at once is settled (into `log`:
    functions/notifications/sms_at_once.py)."""
    entry = {"id": entry_id, "case_id": case["id"], "kind": kind, "event": event,
             "at": iso(now)}
    if claim and not sms_windows.surely_closed(phone, now):
        batch = {"batch": batch_id(phone, now), "at": iso(now), "count": 1,
                 "kinds": {kind: 1}, "cases": [case["id"]], "entry": entry,
                 "region_id": case["region_id"]}
        if writes.claim_at_once(phone=phone, entry=entry, batch=batch,
                                region_id=case["region_id"], name=name,
                                an_hour_ago=iso(now - WINDOW)):
            sms_windows.saw_sent(phone, batch["at"])
            return Queued(batch=batch)
    if writes.append(phone=phone, entry=entry, region_id=case["region_id"], name=name,
                     due=iso(now), max_listed=MAX_LISTED):
        return Queued()
    item = writes.load(phone)  # rare: queued already, or the queue is full
    if item is not None and len(item.pending or []) >= MAX_LISTED:
        writes.count_unlisted(phone=phone, entry_id=entry_id, due=iso(now), kind=kind)
    return settle(item, entry_id, now, log)


def batch_id(phone: str, now: datetime) -> str:
    return f"sms{iso(now)[:19].replace('-', '').replace(':', '')}{phone}"
