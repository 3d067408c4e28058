"""The outbox drain: sends what each case (or suggestion) write left in its item's outbox.

Right after a write, the table's stream (cloud: functions/notifications/stream.py, through
this module's `handler`), `make run`'s worker (functions/notifications/wakeup.py) or, in
`inline` mode, the request itself delivers it. Every minute `run` picks up whatever is left: crashes, failures to retry, work
a budget cut short, SMS digests, duty notices, and regions whose dashboard figures and
deputy ranking are due a refresh (functions.reporting.ranking_refresh). Each WeChat send
is claimed per recipient before it goes out (functions/notifications/outbox_delivery.py), so a sender killed
mid-send leaves one recipient `unknown`, never sent twice; SMS go through per-phone queues
that are idempotent to fill.
"""
import sys
from datetime import datetime

from functions.reporting import ranking_refresh
from functions.notifications import sms_digest
from functions.shared.clock import iso
from functions.duty import notices as duty_notices
from functions.notifications import dispatch
from functions.notifications.record_delivery import KINDS, deliver, deliver_case  # noqa: F401
from functions.shared.scheduled import lambda_handler, main
from functions.storage import indexes, keys
from functions.storage.index_keys import keys_due


def run(*, now: datetime, budget=None) -> dict:
    """Drain every outbox entry and SMS queue that is due, shard by shard, while `budget`
    (Lambda's remaining time, less a margin) allows claiming more."""
    done = {"cases": 0, "suggestions": 0, "entries": 0, "sms_queues": 0, "rankings": 0}
    for shard in range(keys.SWEEP_SHARDS):
        marked = []  # counter items whose region's figures and ranking are due
        for pk in keys_due(indexes.outbox, keys.outbox_key(shard), f"{iso(now)}#~"):
            if budget is not None and not budget.can_claim():
                # What is left stays due in the index: the next run reads it again.
                done["shards_left_for_next_run"] = keys.SWEEP_SHARDS - shard
                return {**done, **budget.report()}
            prefix = pk.split("#", 1)[0] + "#"
            if prefix in KINDS:
                done["entries"] += deliver(pk[len(prefix):], now, kind=KINDS[prefix],
                                           budget=budget)
                done["cases" if prefix == "CASE#" else "suggestions"] += 1
            elif pk.startswith("DUTYNOTICE#"):  # duty notices (functions/duty/notices.py)
                duty_notices.deliver(pk[len("DUTYNOTICE#"):], now)
                done["duty_notices"] = done.get("duty_notices", 0) + 1
            elif pk.startswith("SMSDIGEST#"):
                sms_digest.flush(pk[len("SMSDIGEST#"):], now, dispatch.sms)
                done["sms_queues"] += 1
            elif pk.startswith(ranking_refresh.MARKED):  # a deputy's or a region's figures
                marked.append(pk)
        if marked:  # each region once, however many of its deputies moved
            done["rankings"] += ranking_refresh.refresh_marked(marked, now=now)
    if budget is not None:
        done.update(budget.report())
    return done


_scheduled = lambda_handler(run)


def handler(event, context):
    """The notify function: a batch of the table's changes, or the minute's schedule."""
    if isinstance(event, dict) and "Records" in event:
        from functions.notifications import stream
        from functions.shared import clock, time_budget
        stream.ensure_configured()
        return stream.deliver_changes(event, clock.now(), time_budget.from_context(
            context, reserve=time_budget.SCHEDULED_RESERVE))
    return _scheduled(event, context)


if __name__ == "__main__":
    sys.exit(main(run))
