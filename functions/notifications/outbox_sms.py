"""One outbox entry's SMS to one person: queued once, sent at once when the phone may hear
now, and its message sent at once settled once logged.

The entry keeps the person's `sms` state: none yet (queue it), `at_once` (claimed and sent
at once by a sender that had not logged it when it wrote the entry), `queued` (settled:
waiting in the phone's queue, in a digest, or sent at once and logged). A sender found
`at_once`, or queueing a notice the phone's queue holds already, settles its message
sent at once (functions/notifications/sms_at_once.py): logged, `unknown` when its sender
stopped, or looked at again while it may still be going out.
"""
from functions.notifications import dispatch, sms_at_once, sms_queue
from functions.notifications import sms_queue_writes as writes


def step(person, case, entry, state, now, budget, log, kind) -> tuple[str | None, str | None]:
    """(the person's new `sms` state or None when unchanged, when to look again or None)."""
    if not (person.sms and person.phone) or state.get("sms") not in (None, "at_once"):
        return None, None
    if state.get("sms") == "at_once":  # its sender stopped before the entry said logged
        queued = sms_at_once.settle(writes.load(person.phone), entry["id"], now, log)
        return (None, queued.recheck_at) if queued.recheck_at else ("queued", None)
    at_once = budget is None or budget.can_claim()
    queued = sms_queue.queue(phone=person.phone, entry_id=entry["id"], case=case,
                             event=entry["event"], now=now, name=person.name,
                             claim=at_once, kind=kind, log=log)
    if queued.batch is not None:
        sms_at_once.send_claimed(person.phone, queued.batch, now, _sender(budget),
                                 region_id=case["region_id"], name=person.name, log=log)
        return "at_once", None  # `queued` once the log is written
    return (None, queued.recheck_at) if queued.recheck_at else ("queued", None)


def _sender(budget):
    if budget is None:
        return dispatch.sms
    return lambda **kw: dispatch.sms(**kw, read_timeout=budget.timeout(2, 5)[1])
