"""The state of one outbox entry, as pure changes on the entry dict.

An entry is leased to one sender at a time (`claimed_by`, `claimed_at`, for LEASE) and
keeps a state per recipient (`to`); functions/notifications/outbox_delivery.py writes
these changes with a versioned write of the record that holds the entry.
"""
from datetime import datetime, timedelta

from functions.shared.clock import iso, parse_iso

LEASE = timedelta(minutes=5)
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


def held(entry: dict, sender: str | None, now: datetime) -> bool:
    """Leased to another sender whose lease has not run out."""
    return entry.get("claimed_by", "?") != sender and bool(entry.get("claimed_at")) \
        and parse_iso(entry["claimed_at"]) + LEASE > now


def claim(sender: str, now: datetime, pending: dict):
    """The change that leases the entry to `sender` with `pending` states written."""
    def change(entry):
        if held(entry, sender, now):
            raise Busy(entry["id"])
        return {**entry, "claimed_by": sender, "claimed_at": iso(now),
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
        due = [recheck] if recheck else []
        if retry:
            kept["attempts"] = attempt
            due.append(iso(now + BACKOFF[min(attempt, len(BACKOFF)) - 1]))
        elif cut_short or not recheck:
            due.append(iso(now))  # cut short by time: due again at once
        kept["next_at"] = min(due)
        return kept
    return change


def entry_of(case: dict, entry_id: str) -> dict | None:
    """The outbox entry `entry_id` of a record, or None when it is gone."""
    return next((e for e in case.get("outbox") or [] if e["id"] == entry_id), None)
