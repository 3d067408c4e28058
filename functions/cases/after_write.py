"""What follows a case write: counters, co-units' queue links, then the notifications
it owes, best effort.

Who delivers the notifications is the setting `delivery`: `stream` (cloud) leaves them
to the table's stream, `signal` (`make run`) pings the local worker, so the request only
writes; `inline` delivers here within a total budget of a few seconds
(functions/shared/time_budget.py), whatever the number of recipients. The case item
already holds its outbox, so a failure here loses nothing: the notify drain sends what is
still in the outbox and the reconcile job repairs the counters.
"""
import logging

from functions.reporting import counters
from functions.duty.automatic import after_case_write as duty_after_case_write

log = logging.getLogger(__name__)


def case_written(old: dict | None, new: dict, now, budget=None) -> None:
    """Counters, queue links and duty, then the outbox handed to its deliverer (`inline`:
    sent here within `budget`, a request's few seconds by default)."""
    try:
        counters.record_move(old, new, now)
    except Exception:  # the write stands; the nightly reconcile repairs the figures
        log.exception("counters not updated for case %s", new["id"])
    from functions.cases import co_unit_links, extension_links
    for links in (co_unit_links, extension_links):  # each on its own: one failing skips none
        try:
            links.sync(old, new)
        except Exception:  # the queue skips what the case no longer backs; the next write heals
            log.exception("%s not updated for case %s", links.__name__, new["id"])
    duty_after_case_write(old, new, now)  # the deputy's voter_contact record, once per case
    from functions.notifications.handoff import hand_off
    hand_off("case", new, now, budget)  # the stream, make run's worker, or here
