"""A written record's outbox handed to whoever delivers it, by the setting `delivery`:
`stream` nobody here (the table's stream triggers the notify function with the write),
`signal` make run's worker (a UDP ping carrying the record), `inline` this process, within `budget` (a
request's few seconds by default). Best effort: the outbox keeps whatever is not sent,
and the minute drain sends it."""
import logging
from datetime import datetime

log = logging.getLogger(__name__)


def hand_off(kind: str, record: dict, now: datetime, budget=None) -> None:
    """Deliver `record`'s outbox (a case, a suggestion) the configured way; never raises."""
    if not record.get("outbox"):
        return
    from functions.shared.config import settings
    mode = settings().delivery
    if mode == "stream":
        return
    if mode == "signal":
        from functions.notifications import wakeup
        wakeup.ping(kind, record)
        return
    try:
        from functions.notifications import record_delivery
        from functions.shared import time_budget
        record_delivery.deliver(record["id"], now, kind=kind, record=record,
                                budget=budget or time_budget.for_request(),
                                writes=(record.get("version"),))
    except Exception:  # the outbox keeps it; the next drain retries
        log.exception("immediate delivery failed for %s %s", kind, record["id"])
