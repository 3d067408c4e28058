"""What the reminder sweep does for a suggestion: the same rules and index as for cases.

functions/cases/sweep.py reads the sparse `due` index and hands each SUGGESTION# item
here; the reminder and its mark are written in one versioned write, so a second or
overlapping sweep never sends it again.
"""
from datetime import datetime

from functions.cases.reminder_rules import due_now
from functions.shared.errors import Conflict, NotFound
from functions.suggestions import repository
from functions.workflow.engine import outbox_entry, timeline_entry

SYSTEM = {"role": "system", "name": "系统"}


def sweep_suggestion(suggestion_id: str, now: datetime) -> int:
    """Send what is due for one suggestion; how many reminders it took."""
    try:
        suggestion = repository.get(suggestion_id)
    except NotFound:
        return 0
    due = due_now(suggestion.get("deadlines") or {}, suggestion.get("reminded") or [], now)
    if not due:
        return 0
    new = dict(suggestion)
    new["reminded"] = list(suggestion.get("reminded") or []) + [r["name"] for r in due]
    new["outbox"] = list(suggestion.get("outbox") or [])
    sent = [r for r in due if not r["silent"]]
    for reminder in sent:
        audiences = ["unit"]
        if reminder["kind"] == "overdue":
            audiences.append("office")
            new["overdue"] = True
            new["timeline"] = list(new.get("timeline") or []) + [timeline_entry(
                at=now, actor=SYSTEM, action="overdue", status=suggestion["status"],
                extra={"deadline": reminder["deadline"]})]
        new["outbox"] += [outbox_entry(f"suggestion_reminder_{reminder['kind']}", who, now,
                                       deadline=reminder["deadline"]) for who in audiences]
    try:
        saved = repository.save(new)
    except Conflict:
        return 0  # someone acted on it meanwhile, or another sweep got here first
    from functions.suggestions.after_write import deliver_now
    deliver_now(saved, now)
    return len(sent)
