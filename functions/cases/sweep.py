"""The reminder sweep: 24 h before each deadline, when it passes and every working
morning while it stays passed (to whoever holds the case and the office); closes
unrated cases. Suggestions' answer deadlines ride the same index and the same sweep
(functions/suggestions/reminders.py).

Runs every 15 minutes (serverless.yml) or `python -m functions.cases.sweep [--now ISO]`.
It reads only cases with something due, through the sparse `due` index. Each reminder
is written into the case's outbox together with the mark that it was sent, in one
versioned write, so a second or overlapping sweep never sends it again.
"""
import sys
from datetime import datetime

from functions.cases import after_write
from functions.channels import files
from functions.shared.config import settings
from functions.org import calendar as official_calendar
from functions.shared.clock import iso
from functions.cases.moves import apply, outbox_entry, reminder_audiences, timeline_entry
from functions.shared.errors import Conflict, InvalidTransition, NotFound
from functions.cases.reminder_rules import AGAIN, again_entry, due_now
from functions.shared.working_days import SHANGHAI, is_working_day, next_working_morning
from functions.shared.scheduled import lambda_handler, main
from functions.cases import repository as case_repository
from functions.storage import indexes, keys
from functions.storage.models import BaseItem

SYSTEM = {"role": "system", "name": "系统"}


def sweep_case(case_id: str, now: datetime, budget=None) -> int:
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
        due, new = _reminded(case, due, now)
    try:
        saved = case_repository.save(new)
    except Conflict:
        return 0  # someone acted on it meanwhile, or another sweep got here first
    after_write.case_written(case, saved, now, budget)
    return len([r for r in due if not r.get("silent")])


def _reminded(case: dict, due: list[dict], now: datetime) -> tuple[list[dict], dict]:
    """The reminders as sent (silent ones marked) and the case that records them."""
    calendar = official_calendar.in_force(case["region_id"])
    working_today = is_working_day(now.astimezone(SHANGHAI).date(), calendar)
    new = dict(case)
    reminded = list(case.get("reminded") or [])
    new["outbox"] = list(case.get("outbox") or [])
    sent = []
    for reminder in due:
        deadline, kind = reminder["deadline"], reminder["kind"]
        if kind in ("overdue", "still_overdue"):
            # Flag again on the next working morning while the deadline stays passed.
            reminded = [r for r in reminded if not r.startswith(f"{deadline}{AGAIN}")]
            reminded.append(again_entry(deadline, next_working_morning(now, calendar)))
        if kind != "still_overdue":
            reminded.append(reminder["name"])
        elif not working_today:
            reminder = {**reminder, "silent": True}
        sent.append(reminder)
        if reminder["silent"]:
            continue
        if kind in ("overdue", "still_overdue"):
            new["overdue"] = True
        if kind == "overdue":
            new["timeline"] = list(new["timeline"]) + [timeline_entry(
                at=now, actor=SYSTEM, action="overdue", status=case["status"],
                extra={"deadline": deadline})]
        event = "reminder_overdue" if kind == "still_overdue" else f"reminder_{kind}"
        for audience in reminder_audiences(case, reminder):
            new["outbox"].append(outbox_entry(event, audience, now, deadline=deadline))
    new["reminded"] = reminded
    return sent, new


def _sweepers() -> dict:
    """Which function sweeps an item of the due index, by its key's prefix: every record
    with deadlines (cases, suggestions) shares this one sweep and this one index."""
    from functions.suggestions.reminders import sweep_suggestion
    return {"CASE#": sweep_case, "SUGGESTION#": sweep_suggestion}


def run(*, now: datetime, budget=None) -> dict:
    """Sweep every shard of the due index up to `now`, while `budget` allows; remove
    uploads left unattached."""
    official_calendar.forget_cached()  # each run reads the entries in force once, afresh
    read = {"cases_read": 0, "suggestions_read": 0}
    reminders, sweepers = 0, _sweepers()
    for shard in range(keys.SWEEP_SHARDS):
        for item in indexes.due.query(BaseItem, keys.due_key(shard),
                                       indexes.due.sort_key() <= f"{iso(now)}#~"):
            prefix = item.pk.split("#", 1)[0] + "#"
            if prefix not in sweepers:
                continue
            if budget is not None and not budget.can_claim():
                # Unswept items stay due in the index: the next sweep reads them again.
                return {**read, "reminders": reminders,
                        "shards_left_for_next_run": keys.SWEEP_SHARDS - shard,
                        **budget.report()}
            read["cases_read" if prefix == "CASE#" else "suggestions_read"] += 1
            reminders += sweepers[prefix](item.pk[len(prefix):], now, budget)
    # Uploads never attached go at the end of the UTC day after their upload day (S3: the
    # bucket's lifecycle rule does it, at the same moment).
    removed = 0 if settings().upload_bucket else files.active().sweep_pending(now)
    result = {**read, "reminders": reminders, "unused_uploads_removed": removed}
    return {**result, **budget.report()} if budget is not None else result


handler = lambda_handler(run)

if __name__ == "__main__":
    sys.exit(main(run))
