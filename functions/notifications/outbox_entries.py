"""The state of one outbox entry, as pure changes on the entry dict.

An entry is leased to one sender at a time (`claimed_by`, `claimed_at`, for LEASE) and
keeps a state per recipient (`to`); functions/notifications/outbox_delivery.py writes
these changes with a versioned write of the record that holds the entry.

The write that creates an entry already leases it (`NEW`, for CREATION_LEASE) to the
deliverer that write triggers — the table's stream, make run's worker, the request itself
— so that deliverer needs no claim of its own before sending, and the minute drain leaves
the entry alone until the lease runs out. The lease names the record's version that write
made (`new:<version>`), so a stream event carrying an older image of the record cannot
take an entry a newer write created, nor deliver again one already delivered.
"""
from datetime import datetime, timedelta

from functions.shared.clock import iso, parse_iso

LEASE = timedelta(minutes=5)
# How long the drain leaves a new entry to the deliverer its write triggered: that one
# normally ends within a second; past this the drain takes over, as from a dead sender.
CREATION_LEASE = timedelta(minutes=1)
NEW = "new"  # `claimed_by` of an entry its creating write has not stamped yet
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
           timedelta(hours=2))
MAX_ATTEMPTS = len(BACKOFF) + 1
FINAL = frozenset({"sent", "recorded", "skipped", "failed", "unknown", "none"})


class Busy(Exception):
    """Another sender holds this entry right now."""


def final(entry: dict, key: str) -> bool:
    """Is this recipient's WeChat send settled for good?"""
    if key in (entry.get("done") or []):  # entries written before per-recipient state
        return True
    return (entry.get("to") or {}).get(key, {}).get("wechat") in FINAL


def merged(entry: dict, pending: dict) -> dict:
    """The entry's per-recipient states with `pending` changes laid over them."""
    to = {k: dict(v) for k, v in (entry.get("to") or {}).items()}
    for key, change in pending.items():
        to[key] = {**to.get(key, {}), **change}
    return to


def held(entry: dict, sender: tuple, now: datetime) -> bool:
    """Leased to another than `sender` (the names we go by: our own first, then the
    creating write's lease we deliver under) and that lease has not run out."""
    holder = entry.get("claimed_by", "?")
    lease = CREATION_LEASE if holder.startswith(NEW) else LEASE
    return holder not in sender and bool(entry.get("claimed_at")) \
        and parse_iso(entry["claimed_at"]) + lease > now


def due(entry: dict, now: datetime, writes=()) -> bool:
    """Is `entry` to be sent now by a deliverer of `writes` (outbox_entries.created_by)?"""
    return entry.get("next_at", entry["at"]) <= iso(now) or created_by(entry, writes)


def stamp_new(outbox: list, version: int) -> list:
    """The outbox as the write that makes `version` of its record stores it: each entry
    created for this write leased to the deliverer the write triggers (`new:<version>`)."""
    return [{**e, "claimed_by": f"{NEW}:{version}", "claimed_at": e["at"],
             "next_at": iso(parse_iso(e["at"]) + CREATION_LEASE)}
            if e.get("claimed_by") == NEW else e for e in outbox]


ANY_WRITE = "any"  # the deliverer of every write (make run's worker: one lane a record)


def created_by(entry: dict, writes) -> bool:
    """Is `entry` under the creation lease of one of `writes` (record versions whose
    deliverer we are; ANY_WRITE: of any; empty: none, as the drain)?"""
    holder = entry.get("claimed_by") or ""
    if not writes or not holder.startswith(f"{NEW}:"):
        return False
    return writes == ANY_WRITE or holder[len(NEW) + 1:] in {str(v) for v in writes}


def names_of(sender: str, entry: dict | None, writes, now: datetime) -> tuple:
    """The names a new sender goes by for `entry`: its own, and the creating write's lease
    while that lease lasts when that write is one of `writes` (past it, the drain may have
    taken the entry over: the sender must claim it like any other)."""
    if entry is None or not created_by(entry, writes) or not held(entry, (), now):
        return (sender,)
    return (sender, entry["claimed_by"])


def claim(sender: tuple, now: datetime, pending: dict):
    """The change that leases the entry to `sender` (its own name first, then those it
    may take the entry from) with `pending` states written."""
    def change(entry):
        if held(entry, sender, now):
            raise Busy(entry["id"])
        return {**entry, "claimed_by": sender[0], "claimed_at": iso(now),
                "next_at": iso(now + LEASE), "to": merged(entry, pending)}
    return change


def release(sender, now, pending, people, attempt, retry, cut_short, recheck=None):
    """The change that ends `sender`'s lease: the entry dropped when every recipient
    settled, else due again (after a back-off when it must be retried; at `recheck` when
    an SMS another sender may still be sending must be looked at again)."""
    def change(entry):
        if held(entry, sender, now):
            raise Busy(entry["id"])  # we lost the lease; its holder writes the outcome
        # A lease run out is a dead sender's: its sends are settled above (`unknown`).
        kept = {k: v for k, v in entry.items() if k not in ("claimed_by", "claimed_at")}
        kept["to"] = merged(entry, pending)
        if all(final(kept, p.key) for p in people if p.openid) and not (cut_short or recheck):
            return None  # every recipient settled: drop it from the outbox
        times = [recheck] if recheck else []
        if retry:
            kept["attempts"] = attempt
            times.append(iso(now + BACKOFF[min(attempt, len(BACKOFF)) - 1]))
        elif cut_short or not recheck:
            times.append(iso(now))  # cut short by time: due again at once
        kept["next_at"] = min(times)
        return kept
    return change


def entry_of(case: dict, entry_id: str) -> dict | None:
    """The outbox entry `entry_id` of a record, or None when it is gone."""
    return next((e for e in case.get("outbox") or [] if e["id"] == entry_id), None)
