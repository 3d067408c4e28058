"""SMS per phone: the first message goes at once (functions/notifications/sms_queue.py),
later ones wait and go as one digest, sent here.

A deputy with 30 new cases in an hour gets the first SMS at once and one digest of the
rest when the hour is up, never 30. Each phone's queue is one item; adding to it is
idempotent (entries keyed by id) and sending claims the batch by a write first, so a
crash can never make the same batch go out twice (Aliyun sends are not idempotent: a
batch caught mid-send is recorded as unknown, not resent). Its log record and a pointer
for each listed record (functions/notifications/sms_pointers.py) go by BatchWriteItem,
25 items a call (one call up to 24 records); a digest's send ends with one conditional
write; its queue stays due when the digest would be stale, so a digest whose sender died
is settled then (`unknown`, unless its sender logged it) even if no other notice comes:
one more read and write a digest.
"""
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, PutError

from functions.notifications import log as notification_log, messages
from functions.notifications.digest_records import listed_records
from functions.notifications.sms_retry import throttled
from functions.notifications import sms_queue_writes as writes, sms_windows
from functions.notifications.sms_at_once import STUCK_AFTER, TEMPLATE, WINDOW, record
from functions.notifications.sms_queue import batch_id
from functions.shared.clock import iso, parse_iso
from functions.storage import indexes, keys
from functions.cases.repository import shard_of
from functions.storage.conditions import is_condition_failure
from functions.storage.notification_models import SmsDigestItem


def _ready_at(item: SmsDigestItem, now: datetime) -> str:
    """The earliest moment this phone may get its next SMS."""
    return iso(parse_iso(item.last_sent_at) + WINDOW) if item.last_sent_at else iso(now)


def _load(phone: str) -> SmsDigestItem:
    try:
        return SmsDigestItem.get(keys.sms_digest_pk(phone), keys.META, consistent_read=True)
    except DoesNotExist:
        return SmsDigestItem(pk=keys.sms_digest_pk(phone), sk=keys.META, phone=phone,
                             pending=[])


def _save(item: SmsDigestItem, now: datetime) -> bool:
    """Write back with the sweep index set to when this phone next has something to send,
    or to when a digest being sent is stale (its sender may die: `flush` settles it)."""
    due = None
    if item.pending or item.unlisted:
        due = f"{_ready_at(item, now)}#{item.phone}"
    elif item.in_flight:
        due = f"{iso(parse_iso(item.in_flight['at']) + STUCK_AFTER)}#{item.phone}"
    attrs = indexes.outbox.entry(keys.outbox_key(shard_of(item.phone)), due) if due \
        else indexes.outside(indexes.outbox)
    for attr, value in attrs.items():
        setattr(item, attr, value)
    try:
        item.save()
    except PutError as exc:
        if is_condition_failure(exc):
            return False  # someone else moved this queue; the next drain looks again
        raise
    return True


def flush(phone: str, now: datetime, send, log: list | None = None) -> str:
    """Send what is pending for `phone` if its window allows; what happened."""
    item = _load(phone)
    if item.last_sent_at:
        sms_windows.saw_sent(phone, item.last_sent_at)
    if item.in_flight:
        if now - parse_iso(item.in_flight["at"]) < STUCK_AFTER:
            return "in_flight"
        _settle_stale(item, item.in_flight)
        item.in_flight = None
    if not item.pending and not item.unlisted:  # (counted just after a digest emptied it)
        return "empty" if _save(item, now) else "raced"
    if iso(now) < _ready_at(item, now):
        return "waiting" if _save(item, now) else "raced"
    entries, unlisted = list(item.pending or []), int(item.unlisted or 0)
    by_kind = writes.unlisted_kinds(item)
    kinds = _kinds(entries, unlisted, by_kind)  # notices: put back if throttled
    records = listed_records(entries)  # what it says, and where its pointers go
    told = _kinds(records, unlisted, by_kind)
    batch = {"batch": batch_id(item.phone, now),
             "at": iso(now), "count": sum(told.values()), "kinds": told,
             "cases": list(dict.fromkeys(p["case_id"] for p in entries))[:20],
             "records": records}
    item.pending = []
    writes.clear_unlisted(item)
    # The message sent at once stays "sent" too: its entry may not have settled it yet.
    at_once = {((item.at_once or {}).get("entry") or {}).get("id")} - {None}
    item.last_ids = (set(item.pending_ids or ()) | {p["id"] for p in entries} | at_once) \
        or None
    item.pending_ids = None
    item.in_flight, item.last_sent_at = batch, iso(now)
    if not _save(item, now):
        return "raced"
    sms_windows.saw_sent(phone, item.last_sent_at)
    result, detail = send(phone=phone, template=TEMPLATE,
                          params=messages.sms_digest_params(batch["count"], told),
                          out_id=batch["batch"][:32])
    _record(item, batch, result, detail, now, log)
    retry = result == "retry"
    # Clear the claim in one conditional write; put back what was certainly not sent
    # (throttled: the next window), the unlisted ones with their kinds.
    unlisted_kinds = {k: n - sum(e.get("kind", "case") == k for e in entries)
                      for k, n in kinds.items()}
    writes.finish(phone=phone, batch=batch, unsent=entries if retry else [],
                  unsent_unlisted=unlisted if retry else 0,
                  unsent_kinds=unlisted_kinds if retry else None,
                  ready_at=throttled(item.phone, batch, detail, now, window=WINDOW) if retry
                  else iso(now + WINDOW))
    return result


def _kinds(entries: list, unlisted: int, unlisted_kinds: dict | None) -> dict:
    """How many of each kind of record a digest is about; entries and unlisted counts
    from older code name no kind: they were all about cases."""
    kinds = {k: int(n) for k, n in (unlisted_kinds or {}).items() if n}
    kinds["case"] = kinds.get("case", 0) + max(unlisted - sum(kinds.values()), 0)
    for entry in entries:
        kind = entry.get("kind") or "case"
        kinds[kind] = kinds.get(kind, 0) + 1
    return {k: n for k, n in kinds.items() if n}


def _settle_stale(item: SmsDigestItem, batch: dict) -> None:
    """A digest whose sender stopped before clearing it: `unknown` unless it logged it
    (under the same key: the batch's region, moment and id), never sent again."""
    region_id = item.region_id or "-"
    if not notification_log.exists(region_id=region_id, at=batch["at"],
                                   notification_id=batch["batch"]):
        record(phone=item.phone, region_id=region_id, name=item.name, batch=batch,
               result="unknown", detail="sender stopped mid-send; not resent")


def _record(item, batch, result, detail, now, log=None):
    record(phone=item.phone, region_id=item.region_id, name=item.name, batch=batch,
           result=result, detail=detail, log=log, at=now)
