"""SMS per phone: the first message goes at once, later ones wait and go as one digest.

A deputy with 30 new cases in an hour gets the first SMS at once and one digest of the
rest when the hour is up, never 30. Each phone's queue is one item; adding to it is
idempotent (entries keyed by id) and sending claims the batch by a versioned write
first, so a crash can never make the same batch go out twice (Aliyun sends are not
idempotent: a batch caught mid-send is recorded as unknown, not resent).
"""
from datetime import datetime, timedelta

from pynamodb.exceptions import DoesNotExist, PutError

from functions.notifications import messages, log as notification_log
from functions.shared.clock import iso, parse_iso
from functions.storage import indexes, keys
from functions.cases.repository import shard_of
from functions.storage.conditions import is_condition_failure
from functions.storage.models import SmsDigestItem

WINDOW = timedelta(hours=1)
# Beyond this many listed entries a queue only counts: the item stays far below
# DynamoDB's 400 KB even for a phone that hears of thousands of cases in one hour.
MAX_LISTED = 300
STUCK_AFTER = timedelta(minutes=10)
TEMPLATE = "digest"


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
    """Write back with the sweep index set to when this phone next has something to send."""
    due = None
    if item.pending:
        due = f"{_ready_at(item, now)}#{item.phone}"
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


def enqueue(*, phone: str, entry_id: str, case: dict, event: str, now: datetime,
            name: str | None = None, kind: str = "case") -> None:
    """Add one message for `phone` about a record of `kind` (case, suggestion) (a no-op
    if this entry is already queued)."""
    for _ in range(5):
        item = _load(phone)
        if any(p["id"] == entry_id for p in item.pending or []):
            return
        if len(item.pending or []) >= MAX_LISTED:
            item.unlisted = (item.unlisted or 0) + 1
            item.unlisted_kinds = _added(item.unlisted_kinds, {kind: 1})
        else:
            item.pending = list(item.pending or []) + [
                {"id": entry_id, "case_id": case["id"], "kind": kind, "event": event,
                 "at": iso(now)}]
        item.region_id = case["region_id"]
        item.name = name or item.name
        if _save(item, now):
            return
    raise RuntimeError(f"SMS queue of {phone} kept changing; the drain will retry")


def flush(phone: str, now: datetime, send) -> str:
    """Send what is pending for `phone` if its window allows; what happened."""
    item = _load(phone)
    if item.in_flight:
        if now - parse_iso(item.in_flight["at"]) < STUCK_AFTER:
            return "in_flight"
        _record(item, item.in_flight, "unknown", "sender stopped mid-send; not resent", now)
        item.in_flight = None
    if not item.pending:
        return "empty" if _save(item, now) else "raced"
    if iso(now) < _ready_at(item, now):
        return "waiting" if _save(item, now) else "raced"
    entries, unlisted = list(item.pending), item.unlisted or 0
    unlisted_kinds = dict(item.unlisted_kinds or {})
    # Entries queued by older code name no kind: they were all about cases.
    unlisted_kinds["case"] = unlisted_kinds.get("case", 0) + unlisted - sum(
        unlisted_kinds.values())
    kinds = _added(unlisted_kinds, {})
    for entry in entries:
        kinds = _added(kinds, {entry.get("kind") or "case": 1})
    batch = {"batch": f"sms{iso(now)[:19].replace('-', '').replace(':', '')}{item.phone}",
             "at": iso(now), "count": len(entries) + unlisted, "kinds": kinds,
             "cases": list(dict.fromkeys(p["case_id"] for p in entries))[:20]}
    item.pending, item.unlisted, item.unlisted_kinds = [], 0, None
    item.in_flight, item.last_sent_at = batch, iso(now)
    if not _save(item, now):
        return "raced"
    result, detail = send(phone=phone, template=TEMPLATE,
                          params=messages.sms_digest_params(batch["count"], kinds),
                          out_id=batch["batch"][:32])
    _record(item, batch, result, detail, now)
    retry = result == "retry"
    _finish(phone, batch, entries if retry else [], unlisted_kinds if retry else {}, now)
    return result


def _added(counts: dict | None, more: dict) -> dict:
    total = dict(counts or {})
    for kind, n in more.items():
        total[kind] = total.get(kind, 0) + n
    return {k: n for k, n in total.items() if n}


def _finish(phone: str, batch: dict, unsent: list, unsent_unlisted: dict,
            now: datetime) -> None:
    """Clear the claim; put back what was certainly not sent (throttled: next window)."""
    for _ in range(5):
        item = _load(phone)
        if (item.in_flight or {}).get("batch") != batch["batch"]:
            return
        item.in_flight = None
        item.pending = unsent + list(item.pending or [])
        item.unlisted = (item.unlisted or 0) + sum(unsent_unlisted.values())
        item.unlisted_kinds = _added(item.unlisted_kinds, unsent_unlisted) or None
        if _save(item, now):
            return


def _record(item, batch, result, detail, now):
    notification_log.record(now=now,
        case=None, region_id=item.region_id or "-", channel="sms", recipient=item.phone,
        recipient_name=item.name,
        event="sms_digest", payload={"count": batch["count"], "cases": batch["cases"],
                                     "kinds": batch.get("kinds") or {}},
        result=result, detail=detail, notification_id=batch["batch"])
