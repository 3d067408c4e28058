"""What follows a suggestion write, best effort: the region's counters, lists of the
parties, duty records, and the notifications it owes (handed to their deliverer; the
outbox keeps what fails for the drain).

Nothing here can undo or fail the write it follows; a party item missed after a crash
is written again by the next move that changes the status (the writes are idempotent),
and the nightly recount (recount.py) repairs the counters and the party items.
"""
import logging
from datetime import datetime

from functions.suggestions import counters, parties

log = logging.getLogger(__name__)


def suggestion_written(before: dict | None, after: dict, *, action: str,
                       now: datetime, counted: bool = True) -> None:
    """`counted` False: a retried create whose first attempt already moved the counters."""
    if counted:
        count_move(before, after)
    if before is None or before["status"] != after["status"] or action == "assign":
        sync_parties(after)
    if action == "register":
        record_duty(after, now)
    deliver_now(after, now)


def sync_parties(suggestion: dict) -> None:
    try:
        parties.sync(suggestion)
    except Exception:  # the lists show the suggestion as it is; the next move heals them
        log.exception("party lists not updated for suggestion %s", suggestion["id"])


def count_move(before: dict | None, after: dict) -> None:
    try:
        counters.record_move(before, after)
    except Exception:  # the write stands; the nightly recount repairs the figures
        log.exception("counters not updated for suggestion %s", after["id"])


def deliver_now(suggestion: dict, now: datetime, budget=None) -> None:
    """Hand what the write owes to its deliverer (functions/notifications/handoff.py: the
    stream, make run's worker, or at once within `budget`), best effort: the outbox keeps
    the rest for the drain."""
    from functions.notifications.handoff import hand_off
    hand_off("suggestion", suggestion, now, budget)


def record_duty(suggestion: dict, now: datetime) -> list[dict]:
    """The duty records of a registration (lead 5, co-signers 2): the one call into duty.

    Best effort like the counters after a case write: a failure is logged, the
    registration stands; the duty side is idempotent, so a later call makes no second record.
    """
    cosigner_ids = [c["deputy_id"] for c in suggestion.get("cosigners") or []
                    if c.get("status") == "signed"]
    from functions.duty.automatic import suggestion_registered
    try:
        return suggestion_registered(suggestion_id=suggestion["id"], title=suggestion["title"],
                                     region_id=suggestion["region_id"],
                                     lead_id=suggestion["lead_id"],
                                     cosigner_ids=cosigner_ids, now=now)
    except Exception:  # never fail the registration; the office sees it in the logs
        log.exception("duty records failed for suggestion %s", suggestion["id"])
        return []
