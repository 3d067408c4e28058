"""The reminder sweep: 24 h before each deadline, and when it passes; closes unrated cases.
Suggestions' answer deadlines ride the same index and the same sweep (suggestions/reminders.py).

Runs every 15 minutes (serverless.yml) or `python -m functions.cases.sweep [--now ISO]`.
It reads only cases with something due, through the sparse `due` index. Each reminder
is written into the case's outbox together with the mark that it was sent, in one
versioned write, so a second or overlapping sweep never sends it again.
"""
import sys
from datetime import datetime

from functions.cases import after_write
from functions.shared.clock import iso
from functions.cases.moves import apply, outbox_entry, reminder_audiences, timeline_entry
from functions.shared.errors import Conflict, InvalidTransition, NotFound
from functions.cases.reminder_rules import due_now
from functions.shared.scheduled import lambda_handler, main
from functions.cases import repository as case_repository
from functions.storage import indexes, keys
from functions.storage.models import BaseItem

SYSTEM = {"role": "system", "name": "系统"}


def sweep_case(case_id: str, now: datetime) -> int:
    """Send what is due for one case; how many reminders (or closings) it took."""
    try:
        case = case_repository.get(case_id)
    except NotFound:
        return 0
    due = due_now(case.get("deadlines") or {}, case.get("reminded") or [], now)
    if not due:
        return 0
    if any(r["deadline"] == "rate" for r in due):
        try:
            new = apply(case, action="close_unrated", actor=SYSTEM, now=now)
        except InvalidTransition:
            return 0
    else:
        new = dict(case)
        new["reminded"] = list(case.get("reminded") or []) + [r["name"] for r in due]
        new["outbox"] = list(case.get("outbox") or [])
        for reminder in (r for r in due if not r["silent"]):
            if reminder["kind"] == "overdue":
                new["overdue"] = True
                new["timeline"] = list(new["timeline"]) + [timeline_entry(
                    at=now, actor=SYSTEM, action="overdue", status=case["status"],
                    extra={"deadline": reminder["deadline"]})]
            for audience in reminder_audiences(case, reminder):
                new["outbox"].append(outbox_entry(f"reminder_{reminder['kind']}", audience,
                                                  now, deadline=reminder["deadline"]))
    try:
        saved = case_repository.save(new)
    except Conflict:
        return 0  # someone acted on it meanwhile, or another sweep got here first
    after_write.case_written(case, saved, now)
    return len([r for r in due if not r.get("silent")])


def _sweepers() -> dict:
    """Which function sweeps an item of the due index, by its key's prefix: every record
    with deadlines (cases, suggestions) shares this one sweep and this one index."""
    from functions.suggestions.reminders import sweep_suggestion
    return {"CASE#": sweep_case, "SUGGESTION#": sweep_suggestion}


def run(*, now: datetime) -> dict:
    """Sweep every shard of the due index up to `now`."""
    read = {"cases_read": 0, "suggestions_read": 0}
    reminders, sweepers = 0, _sweepers()
    for shard in range(keys.SWEEP_SHARDS):
        for item in indexes.due.query(BaseItem, keys.due_key(shard),
                                       indexes.due.sort_key() <= f"{iso(now)}#~"):
            prefix = item.pk.split("#", 1)[0] + "#"
            if prefix not in sweepers:
                continue
            read["cases_read" if prefix == "CASE#" else "suggestions_read"] += 1
            reminders += sweepers[prefix](item.pk[len(prefix):], now)
    return {**read, "reminders": reminders}


handler = lambda_handler(run)

if __name__ == "__main__":
    sys.exit(main(run))
