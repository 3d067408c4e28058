"""More time for a case's answer: the office sets the answer time in working days when it
assigns; the lead unit asks for an extension with a reason, the office grants or refuses.

Both moves keep the status (`assigned`, `in_progress`); a grant moves the `answer`
deadline by the working days asked for, from the old deadline's last day, on the official
calendar in force. The request and its decision are on the timeline; the shared rules
(one request at a time, lapse on leaving) are in functions/workflow/extensions.py. A retry
of either with its Idempotency-Key is found like any move's, on the timeline entry it made
(move_retries.py); nothing of the key is kept in `extension`.
"""
from datetime import timedelta

from functions.cases.reminder_rules import is_overdue
from functions.shared.moments import iso, parse_iso
from functions.shared.validation import text_problem
from functions.shared.working_days import add_working_days
from functions.workflow import extensions
from functions.workflow.extensions import DECIDE, REQUEST

HANDLING = ("assigned", "in_progress")
MOVES = {**{(status, REQUEST): status for status in HANDLING},
         **{(status, DECIDE): status for status in HANDLING}}
ANSWER_DAYS = (1, 60)  # what the office may set at assignment, in working days
EXTENSION_DAYS = (1, 20)  # what one request may ask for
MAX_EXTENDED_DAYS = 40  # what all granted requests of one assignment add up to at most
MAX_REASON = 500


def _days_problem(value, bounds: tuple[int, int]) -> str | None:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return f"a whole number from {low} to {high} (working days)"
    return None


def answer_days_problem(value) -> str | None:
    """What is wrong with `answer_working_days` in an assign body (absent: the default)."""
    return None if value is None else _days_problem(value, ANSWER_DAYS)


def request_inputs(body: dict, case: dict):
    """(problems, note, changes) of a unit's request."""
    granted = int((case.get("extension") or {}).get("granted_days") or 0)
    room = min(EXTENSION_DAYS[1], MAX_EXTENDED_DAYS - granted)
    days = f"already extended by {MAX_EXTENDED_DAYS} working days" if room < 1 \
        else _days_problem(body.get("working_days"), (EXTENSION_DAYS[0], room))
    problems = {"working_days": days,
                "reason": text_problem(body.get("reason"), field_max=MAX_REASON)}
    request = {"working_days": body.get("working_days"), "granted_days": granted,
               "reason": (body.get("reason") or "").strip() if isinstance(
                   body.get("reason"), str) else None,
               "unit_id": case.get("unit_id")}
    return problems, body.get("reason"), {"extension": request}


def decision_inputs(body: dict, case: dict):
    """(problems, note, changes) of the office's decision."""
    grant = body.get("grant")
    problems = {"grant": None if isinstance(grant, bool) else "true or false",
                "reason": text_problem(body.get("reason"), field_max=MAX_REASON,
                                       required=False)}
    decision = {**(case.get("extension") or {}), "grant": grant,
                "decision_reason": body.get("reason")}
    return problems, body.get("reason"), {"extension": decision}


def on_request(old: dict, new: dict, details: dict) -> dict:
    new["extension"] = extensions.requested(new)
    return {"working_days": new["extension"]["working_days"]}


def on_decision(old: dict, new: dict, details: dict) -> dict:
    asked = {k: v for k, v in new["extension"].items() if k != "grant"}
    grant = bool(new["extension"].get("grant"))
    new["extension"] = extensions.decided(asked, grant, new["updated_at"])
    extra = {"granted": grant, "working_days": asked["working_days"]}
    answer = (old.get("deadlines") or {}).get("answer")
    if grant:
        new["extension"]["granted_days"] = int(asked.get("granted_days") or 0) + int(
            asked["working_days"])
    if grant and answer:
        # From the old deadline's last day: a deadline at 00:00 of the 8th ends the 7th.
        due = add_working_days(parse_iso(answer) - timedelta(seconds=1),
                               int(asked["working_days"]), details["calendar"])
        extensions.answer_deadline_moved(old, new, iso(due))
        new["overdue"] = is_overdue(new["deadlines"], details["now"])
        new["extension"]["answer_before"], extra["answer_deadline"] = answer, iso(due)
    return extra


def finish(old: dict, new: dict) -> None:
    """After any move: a waiting request lapses once the case leaves the unit's hands, and
    the decision's notice names the answer deadline it leaves."""
    extensions.lapse_if_left(new, HANDLING)
    for entry in new["outbox"][len(old.get("outbox") or []):]:
        if entry["event"] == f"case_{DECIDE}":
            entry["deadline"] = "answer"
