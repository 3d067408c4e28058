"""One outbox entry to its people, each send claimed on its own so it happens at most once.

The entry keeps a state per recipient (`to`): its SMS `queued` once, its WeChat
`sending` (claimed, in flight), `retry` (certainly not delivered) or final (`sent`,
`recorded`, `skipped`, `failed`, `unknown`, `none`). Each WeChat send is claimed by a
versioned write of the record (a case, a suggestion: `kind`) before it goes out, and its result is written with the next
claim; a sender that dies leaves exactly one recipient `sending`, which the next sender
records as `unknown` and never resends. The entry itself is leased to one sender at a time,
first to the deliverer its creating write triggers; under a lease it holds, a sender sends
a citizen (whose credits and their marks it read) without that write: the credit's
conditional write, marking the entry, is the claim, and a mark without a result is
`unknown` to the next sender just the same (functions/notifications/credits.py).
An SMS is queued just before the write that marks it queued: a sender dying in between
queues it again, which the phone's queue ignores while that notice waits or was in its
last batch sent; its message sent at once, if the dead sender never logged it, is looked
at again until it can be recorded `unknown` (functions/notifications/outbox_sms.py).
The attempts of one delivery are logged together, and its outcome (the release) rides the
record's last write of the delivery (functions/notifications/outbox_writes.py).
"""
import secrets
from datetime import datetime

from functions.notifications import log as notification_log, outbox_sms, recipients
from functions.notifications import dispatch
from functions.notifications.outbox_entries import (
    MAX_ATTEMPTS, NEW, claim, entry_of, final, held, names_of, release)
from functions.notifications.outbox_writes import (  # noqa: F401 (repository_of: callers')
    Carried, repository_of, write)

WECHAT_TIMEOUT = (3, 5)  # connect, read: as functions.channels.wechat.TIMEOUT


def deliver_entry(case: dict, entry_id: str, now: datetime, budget=None, kind: str = "case",
                  carried: Carried | None = None, writes=()):
    """Send what one entry of a case or suggestion still owes; (record as last saved, as
    given when nothing was written, or None when a write lost a race; finished?). With
    `carried`, the entry's outcome and log are left in it for the record's next write
    (then finished? is False: the caller writes and counts); else written now. `writes`:
    the record versions whose deliverer we are (outbox_entries.created_by)."""
    entry = entry_of(case, entry_id)
    sender = names_of(secrets.token_hex(4), entry, writes, now)
    if entry is None or held(entry, sender, now):
        return case, False  # nothing to do here: the record as it was, not read again
    log, alone = [], carried is None
    carried = Carried() if alone else carried
    try:
        case = _deliver(case, entry, now, budget, kind, log, carried, sender)
    finally:
        notification_log.save_all(log)  # a sender stopped by an error still logs
    if not alone or case is None:
        return case, False
    saved = write(kind, case["id"], carried.take(), case)
    return saved, saved is not None and entry_of(saved, entry_id) is None


def _deliver(case, entry, now, budget, kind, log, carried, sender):
    entry_id = entry["id"]
    attempt = entry.get("attempts", 0) + 1
    # Leased to us (by its creating write, or by our first claim), a send whose credit it
    # spends is marked with the entry needs no claim of its own: a later sender that finds
    # the mark records it `unknown` (credits.consume_credit).
    leased = len(sender) > 1
    people = recipients.resolve(case, entry["audience"], kind=kind)
    if leased and any(entry_id in p.spent_for for p in people):
        # A credit already spent for it under the same creating write's lease: another
        # delivery of that write (a stream event seen twice) has it. Past the lease, the
        # drain settles what that one left.
        return case
    pending, recheck = _before_sending(case, entry, people, now, attempt, kind, budget, log)
    sent_at_once = [k for k, change in pending.items() if change.get("sms") == "at_once"]
    cut_short = retry = False
    for person in [p for p in people if p.openid and not final(entry, p.key)]:
        if budget is not None and not budget.can_claim():
            cut_short = True  # left for the drain
            break
        if pending.get(person.key, {}).get("wechat") == "unknown":
            continue  # found in flight from a dead sender: not resent
        skip = dispatch.certain_skip(person, entry["event"])
        if skip:  # nothing will be sent: no claim needed, the outcome rides the release
            _record(case, entry, person, "skipped", skip, attempt, now, kind, log)
            pending[person.key] = {**pending.get(person.key, {}), "wechat": "skipped",
                                   "logged": False}
            continue
        marked = leased and dispatch.claimed_by_credit(person, entry["event"])
        if not marked:
            # Earlier entries' outcomes wait for the end: riding a claim, their log would
            # have to be written before it, one more write.
            claimed = write(kind, case["id"], {entry_id: claim(sender, now, {
                **pending, person.key: {**pending.get(person.key, {}), "wechat": "sending"}})},
                case, required=entry_id)
            if claimed is None:
                return None
            # Our own lease now (the creating write's is gone with this write).
            case, pending, sender, leased = claimed, {}, sender[:1], True
        timeout = budget.timeout(*WECHAT_TIMEOUT) if budget is not None else None
        result, detail = dispatch.wechat(person=person, event=entry["event"], case=case,
                                         now=now, timeout=timeout, kind=kind,
                                         deadline=entry.get("deadline"), marker=entry_id)
        if result == "retry" and attempt >= MAX_ATTEMPTS:
            result, detail = "failed", f"gave up after {attempt} attempts: {detail}"
        _record(case, entry, person, result, detail, attempt, now, kind, log)
        retry = retry or result == "retry"
        pending[person.key] = {**pending.get(person.key, {}), "wechat": result,
                               "logged": False}  # until the log is written
    # The log first, then the outcome that says it is written (carried to the record's
    # last write, which writes the log before it): a sender dying in between leaves
    # results `logged: False`, which the next sender logs (once more at worst).
    for key in {item.recipient for item in log if item.channel == "wechat"}:
        pending[key] = {**pending.get(key, {}), "logged": True}
    for key in sent_at_once:  # its SMS record is written too
        pending[key] = {**pending.get(key, {}), "sms": "queued"}
    carried.log.extend(log)
    log.clear()
    carried.changes[entry_id] = release(sender, now, pending, people, attempt, retry,
                                        cut_short, recheck)
    return case


def _before_sending(case, entry, people, now, attempt, kind, budget, log):
    """Queue each SMS once (sending it at once when the phone may hear now), settle those
    without WeChat, and take over dead senders' sends; (changes, when an SMS another
    sender may still be sending must be looked at again, or None)."""
    pending, recheck = {}, None
    # Claimed by the sender before per-recipient state: any of its sends may have gone.
    # (A creating write's lease is no sender's claim: nothing was sent under it yet.)
    legacy_in_flight = bool(entry.get("claimed_at")) and "to" not in entry \
        and not entry.get("claimed_by", "").startswith(NEW)
    for person in people:
        state, change = (entry.get("to") or {}).get(person.key, {}), {}
        sms, again = outbox_sms.step(person, case, entry, state, now, budget, log, kind)
        if sms:
            change["sms"] = sms
        if again:
            recheck = min(recheck or again, again)
        if state.get("logged") is False and state.get("wechat") not in (None, "sending"):
            # Its sender wrote this result, then stopped before writing the log.
            _record(case, entry, person, state["wechat"],
                    "logged by the next sender: its sender stopped before logging",
                    attempt - 1, now, kind, log)
        if not final(entry, person.key):
            if not person.openid:
                if not person.sms:
                    _record(case, entry, person, "skipped", "no WeChat identity", attempt,
                            now, kind, log)
                change["wechat"] = "none"
            elif state.get("wechat") == "sending" or legacy_in_flight \
                or entry["id"] in person.spent_for:  # its credit spent by a stopped sender
                _record(case, entry, person, "unknown",
                        "the sender stopped during this send; not resent", attempt, now, kind,
                        log)
                change["wechat"] = "unknown"
        if change:
            pending[person.key] = change
    return pending, recheck


def _record(record, entry, person, result, detail, attempt, now, kind, log):
    # A suggestion's notices are kept under its region, naming it in the payload.
    payload = {"audience": entry["audience"]}
    if kind != "case":
        payload[f"{kind}_id"] = record["id"]
    log.append(notification_log.item(case=record if kind == "case" else None,
                            suggestion=record if kind == "suggestion" else None,
                            region_id=record["region_id"], channel="wechat",
                            recipient=person.key, recipient_name=person.name,
                            event=entry["event"], payload=payload,
                            result=result, detail=detail, attempts=attempt, now=now))
