"""One record's outbox, entry by entry: what the stream handler, make run's worker, the
drain and (DELIVERY=inline) the request each call for a case or suggestion. Each entry's
outcome rides the record's last write of the delivery, so the entries of one write cost
one release and one log write between them (functions/notifications/outbox_writes.py)."""
from datetime import datetime

from functions.notifications.outbox_delivery import deliver_entry, repository_of
from functions.notifications.outbox_entries import due
from functions.notifications.outbox_writes import Carried
from functions.shared.errors import NotFound


def deliver_case(case_id: str, now: datetime, *, case: dict | None = None,
                 budget=None) -> int:
    """Deliver every due outbox entry of one case while `budget` allows; how many finished.

    `case` is the case as just written, when the caller has it: the writes start from it
    and read the store again only when someone changed the case meanwhile.
    """
    return deliver(case_id, now, kind="case", record=case, budget=budget)


# Records that carry an outbox, by the prefix of their key (each has its repository).
KINDS = {"CASE#": "case", "SUGGESTION#": "suggestion"}


def deliver(record_id: str, now: datetime, *, kind: str = "case",
            record: dict | None = None, budget=None, writes=()) -> int:
    """Deliver every due outbox entry of one record (a case, a suggestion) while `budget`
    allows; how many entries finished. `writes`: the record versions whose deliverer this
    is (the stream's, make run's worker's ANY_WRITE, the request's own), whose new entries
    it takes under their creating write's lease; the drain takes none."""
    case = record or repository_of(kind).get(record_id)
    carried = Carried()
    try:
        for entry in list(case.get("outbox") or []):
            if budget is not None and not budget.can_claim():
                break  # the rest is the drain's
            if not due(entry, now, writes):
                continue
            saved, _ = deliver_entry(case, entry["id"], now, budget, kind, carried, writes)
            if saved is None:
                try:
                    case = repository_of(kind).get(record_id)
                except NotFound:
                    case = None
                    break
            else:
                case = saved
    finally:
        carried.flush(kind, record_id, case)
    return len(carried.finished)
