"""The outbox drain: sends what each case (or suggestion) write left in its item's outbox.

Right after a write, the request itself calls `deliver_case` (best effort). Every
minute `run` picks up whatever is left: crashes, failures to retry, SMS digests.
An entry is claimed (one versioned write) before its WeChat send and removed after,
so a sender killed before the claim is simply redone, and one killed mid-send is
recorded as `unknown`, never sent twice. SMS go through per-phone queues that are
idempotent to fill.
"""
import sys
from datetime import datetime, timedelta

from functions.notifications import log as notification_log, recipients, sms_digest
from functions.shared.clock import iso, parse_iso
from functions.notifications import dispatch
from functions.shared.scheduled import lambda_handler, main
from functions.cases import repository as case_repository
from functions.storage import indexes, keys
from functions.storage.low_level import keys_due
from functions.shared.errors import Conflict, NotFound

LEASE = timedelta(minutes=5)
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
           timedelta(hours=2))
MAX_ATTEMPTS = len(BACKOFF) + 1


def deliver_case(case_id: str, now: datetime | None = None, *,
                 case: dict | None = None) -> int:
    """Deliver every due outbox entry of one case; how many entries were finished.

    `case` is the case as just written, when the caller has it: the writes below start
    from it and read the store again only when someone changed the case meanwhile.
    """
    return deliver(case_id, now, kind="case", record=case)


# Records that carry an outbox, by the prefix of their key: each has its repository.
KINDS = {"CASE#": "case", "SUGGESTION#": "suggestion"}


def _repository(kind: str):
    if kind == "suggestion":
        from functions.suggestions import repository
        return repository
    return case_repository


def deliver(record_id: str, now: datetime | None = None, *, kind: str = "case",
            record: dict | None = None) -> int:
    """Deliver every due outbox entry of one record (a case, a suggestion)."""
    from functions.shared.clock import now as clock_now
    now = now or clock_now()
    finished = 0
    record = record or _repository(kind).get(record_id)
    for entry in list(record.get("outbox") or []):
        if entry.get("next_at", entry["at"]) > iso(now):
            continue
        claimed = _update_entry(kind, record_id, entry["id"], lambda e: _claim(e, now), record)
        if claimed is None:
            record = None
            continue
        record, before = claimed
        done = _update_entry(kind, record_id, entry["id"], _deliver(record, before, now, kind),
                             record)
        if done is not None:
            finished += 1
        record = done[0] if done else None
    return finished


class _Busy(Exception):
    """Another sender holds this entry right now."""


def _claim(entry: dict, now: datetime) -> dict:
    if entry.get("claimed_at") and parse_iso(entry["claimed_at"]) + LEASE > now:
        raise _Busy(entry["id"])
    return {**entry, "claimed_at": iso(now), "next_at": iso(now + LEASE)}


def _deliver(case: dict, entry: dict, now: datetime, kind: str = "case"):
    """Send one entry to its audience; the change to make to the entry afterwards."""
    stale_claim = bool(entry.get("claimed_at"))  # a sender died holding it
    attempt = entry.get("attempts", 0) + 1
    done, retry = list(entry.get("done") or []), False
    people = recipients.resolve(case, entry["audience"], kind=kind)
    for person in people:
        if person.sms and person.phone:
            sms_digest.enqueue(phone=person.phone, entry_id=entry["id"], case=case,
                               event=entry["event"], now=now)
        if person.key in done:
            continue
        if not person.openid:
            if not person.sms:
                _record(case, entry, person, "skipped", "no WeChat identity", attempt, kind)
            done.append(person.key)
            continue
        if stale_claim:
            result, detail = "unknown", "the sender stopped during this send; not resent"
        else:
            result, detail = dispatch.wechat(person=person, event=entry["event"],
                                             case=case, now=now, kind=kind)
        if result == "retry" and attempt >= MAX_ATTEMPTS:
            result, detail = "failed", f"gave up after {attempt} attempts: {detail}"
        _record(case, entry, person, result, detail, attempt, kind)
        if result == "retry":
            retry = True
        else:
            done.append(person.key)
    for phone in {p.phone for p in people if p.sms and p.phone}:
        sms_digest.flush(phone, now, dispatch.sms)
    if not retry:
        return lambda e: None  # finished: drop it from the outbox
    later = iso(now + BACKOFF[min(attempt, len(BACKOFF)) - 1])
    return lambda e: {**{k: v for k, v in e.items() if k != "claimed_at"},
                      "attempts": attempt, "next_at": later, "done": done}


def _record(record, entry, person, result, detail, attempt, kind="case"):
    # A suggestion's notices are kept under its region, naming it in the payload.
    payload = {"audience": entry["audience"]}
    if kind != "case":
        payload[f"{kind}_id"] = record["id"]
    notification_log.record(case=record if kind == "case" else None,
                            region_id=record["region_id"], channel="wechat",
                            recipient=person.key, event=entry["event"], payload=payload,
                            result=result, detail=detail, attempts=attempt)


def _update_entry(kind: str, case_id: str, entry_id: str, change, case: dict | None = None):
    """Apply `change(entry) -> entry | None` to one outbox entry, starting from `case` if
    given (the store is read only when there is none, or it turned out stale);
    (case as saved, old entry) or None."""
    for _ in range(5):
        if case is None:
            try:
                case = _repository(kind).get(case_id)
            except NotFound:
                return None
        outbox = case.get("outbox") or []
        entry = next((e for e in outbox if e["id"] == entry_id), None)
        if entry is None:
            return None
        try:
            changed = change(entry)
        except _Busy:
            return None
        updated = {**case, "outbox": [changed if e["id"] == entry_id else e for e in outbox
                                      if e["id"] != entry_id or changed is not None]}
        try:
            return _repository(kind).save(updated), entry
        except Conflict:
            case = None  # someone acted on the case meanwhile; apply to the new version
    return None


def run(*, now: datetime) -> dict:
    """Drain every outbox entry and SMS queue that is due, shard by shard."""
    done = {"cases": 0, "suggestions": 0, "entries": 0, "sms_queues": 0}
    for shard in range(keys.SWEEP_SHARDS):
        for pk in keys_due(indexes.outbox, keys.outbox_key(shard), f"{iso(now)}#~"):
            prefix = pk.split("#", 1)[0] + "#"
            if prefix in KINDS:
                done["entries"] += deliver(pk[len(prefix):], now, kind=KINDS[prefix])
                done["cases" if prefix == "CASE#" else "suggestions"] += 1
            elif pk.startswith("SMSDIGEST#"):
                sms_digest.flush(pk[len("SMSDIGEST#"):], now, dispatch.sms)
                done["sms_queues"] += 1
    return done


handler = lambda_handler(run)

if __name__ == "__main__":
    sys.exit(main(run))
