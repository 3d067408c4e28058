"""The reminder sweep: 24 h before each deadline, and when it passes; closes unrated cases.

Runs every 15 minutes (serverless.yml) or `python -m functions.reminders [--now ISO]`.
It reads only cases with something due, through the sparse `due` index. Each reminder
is written into the case's outbox together with the mark that it was sent, in one
versioned write, so a second or overlapping sweep never sends it again.
"""
import sys
from datetime import datetime

from functions import after_write
from functions.clock import iso
from functions.domain.case_moves import apply, outbox_entry, timeline_entry
from functions.domain.errors import Conflict, InvalidTransition, NotFound
from functions.domain.reminders import due_now
from functions.scheduled import lambda_handler, main
from functions.storage import case_repository, keys
from functions.storage.models import BaseItem
from functions.channels import files
from functions.config import settings

SYSTEM = {"role": "system", "name": "系统"}
# Who must act on each deadline; the office also hears of everything overdue.
RESPONSIBLE = {"accept": "deputy", "consultation_answer": "deputy", "assign": "office",
               "sign": "unit", "answer": "unit"}


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
            audiences = {"office" if case.get("held_for_review")
                         else RESPONSIBLE.get(reminder["deadline"], "office")}
            if reminder["kind"] == "overdue":
                audiences.add("office")
                new["overdue"] = True
                new["timeline"] = list(new["timeline"]) + [timeline_entry(
                    at=now, actor=SYSTEM, action="overdue", status=case["status"],
                    extra={"deadline": reminder["deadline"]})]
            for audience in sorted(audiences):
                new["outbox"].append(outbox_entry(f"reminder_{reminder['kind']}", audience,
                                                  now, deadline=reminder["deadline"]))
    try:
        saved = case_repository.save(new)
    except Conflict:
        return 0  # someone acted on it meanwhile, or another sweep got here first
    after_write.case_written(case, saved, now)
    return len([r for r in due if not r.get("silent")])


def run(*, now: datetime) -> dict:
    """Sweep every shard of the due index up to `now`; remove uploads left unattached."""
    cases = reminders = 0
    for shard in range(keys.SWEEP_SHARDS):
        for item in BaseItem.by_due.query(keys.due_key(shard),
                                          BaseItem.due_at <= f"{iso(now)}#~"):
            cases += 1
            reminders += sweep_case(item.pk[len("CASE#"):], now)
    # Uploads never attached go after a day (S3: the bucket's lifecycle rule does it).
    removed = 0 if settings().upload_bucket else \
        files.active().sweep_pending(now - files.UNUSED_AFTER)
    return {"cases_read": cases, "reminders": reminders, "unused_uploads_removed": removed}


handler = lambda_handler(run)

if __name__ == "__main__":
    sys.exit(main(run))
