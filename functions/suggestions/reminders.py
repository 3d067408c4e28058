"""What the reminder sweep does for a suggestion: the same rules and index as for cases.

functions/cases/sweep.py reads the sparse `due` index and hands each SUGGESTION# item
here; the reminder and its mark are written in one versioned write, so a second or
overlapping sweep never sends it again. An overdue answer is flagged again to the unit
and the office every working morning while it stays overdue, as a case's is.
"""
from datetime import datetime

from functions.cases.reminder_rules import AGAIN, again_entry, due_now
from functions.org import calendar as official_calendar
from functions.shared.errors import Conflict, NotFound
from functions.shared.working_days import SHANGHAI, is_working_day, next_working_morning
from functions.suggestions import repository
from functions.workflow.engine import outbox_entry, timeline_entry

SYSTEM = {"role": "system", "name": "系统"}
OVERDUE = ("overdue", "still_overdue")


def sweep_suggestion(suggestion_id: str, now: datetime, budget=None) -> int:
    """Send what is due for one suggestion; how many reminders it took."""
    try:
        suggestion = repository.get(suggestion_id)
    except NotFound:
        return 0
    due = due_now(suggestion.get("deadlines") or {}, suggestion.get("reminded") or [], now)
    if not due:
        return 0
    sent, new = _reminded(suggestion, due, now)
    try:
        saved = repository.save(new)
    except Conflict:
        return 0  # someone acted on it meanwhile, or another sweep got here first
    from functions.suggestions.after_write import deliver_now
    deliver_now(saved, now, budget)
    return len(sent)


def _reminded(suggestion: dict, due: list[dict], now: datetime) -> tuple[list, dict]:
    """The reminders sent (silent ones left out) and the suggestion that records them."""
    calendar = official_calendar.in_force(suggestion["region_id"])
    working_today = is_working_day(now.astimezone(SHANGHAI).date(), calendar)
    new = dict(suggestion)
    reminded = list(suggestion.get("reminded") or [])
    new["outbox"] = list(suggestion.get("outbox") or [])
    sent = []
    for reminder in due:
        deadline, kind = reminder["deadline"], reminder["kind"]
        if kind in OVERDUE:  # flag again on the next working morning while still overdue
            reminded = [r for r in reminded if not r.startswith(f"{deadline}{AGAIN}")]
            reminded.append(again_entry(deadline, next_working_morning(now, calendar)))
        if kind != "still_overdue":
            reminded.append(reminder["name"])
        if reminder["silent"] or (kind == "still_overdue" and not working_today):
            continue
        sent.append(reminder)
        audiences = ["unit", "office"] if kind in OVERDUE else ["unit"]
        if kind == "overdue":
            new["overdue"] = True
            new["timeline"] = list(new.get("timeline") or []) + [timeline_entry(
                at=now, actor=SYSTEM, action="overdue", status=suggestion["status"],
                extra={"deadline": deadline})]
        event = "suggestion_reminder_" + ("overdue" if kind in OVERDUE else kind)
        new["outbox"] += [outbox_entry(event, who, now, deadline=deadline) for who in audiences]
    new["reminded"] = reminded
    return sent, new
