"""A case's list row, kept on the case item: what every list shows, written by the same
put that changes the case, so lists read this one small attribute instead of the whole
item (timeline, outbox).

The stored summary holds only what does not depend on the time of reading; the row
(views.summary_view) works out `overdue` from its deadlines when it is shown. `reason`
says why the case is in the queue it waits in, from the move that put it there.
"""
import json

from functions.cases import placement
from functions.cases.states import MAX_REHANDLES

# The case fields a row is made of (views.summary_view reads nothing else).
ROW_FIELDS = ("id", "status", "type", "category", "created_at", "updated_at", "deputy_id",
              "deputy_name", "unit_id", "unit_name", "deadlines", "overdue",
              "held_for_review", "rehandle_count")
CONTENT_CHARS = 100  # of the case's text a row shows

# Why a case waits in the office's queue, or a unit's (messages.QUEUE_REASONS names them).
# The last office reason is not the case's own: its extension link gives it (queue.py).
OFFICE_REASONS = ("new_submission", "new_forward", "unit_returned", "unsatisfied",
                  "rehandle_limit", "extension_requested")
UNIT_REASONS = ("new_assignment", "rehandle")
# Moves that bring a case into a queue; the others (sign, progress, urge, reminders)
# happen while it waits and leave the reason as it was.
_ENTERING = frozenset({"submit", "hold", "release", "forward", "return", "rate", "assign"})


def summary_of(case: dict) -> dict:
    """The row's stored part (plain values) and the queue reason."""
    summary = {name: case.get(name) for name in ROW_FIELDS}
    summary["content"] = (case.get("content") or "")[:CONTENT_CHARS]
    summary["deadlines"] = dict(case.get("deadlines") or {})
    summary["overdue"] = bool(case.get("overdue"))
    summary["held_for_review"] = placement.is_held(case)
    summary["rehandle_count"] = int(case.get("rehandle_count") or 0)
    summary["reason"] = queue_reason(case)
    return summary


def encode(case: dict) -> str:
    """The summary as compact JSON (one string attribute: cheap to write and to read)."""
    return json.dumps(summary_of(case), ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> dict:
    return json.loads(text)


def queue_reason(case: dict) -> str | None:
    """Why the case is in the queue it waits in (None when it waits on no one)."""
    waiting = placement.waiting_on(case)
    if not waiting:
        return None
    if waiting[0] == "office" and (placement.is_held(case) or case["status"] == "submitted"):
        return "new_submission"
    entered = _last_entering_move(case)
    action = entered.get("action")
    if waiting[0] == "unit":
        return "rehandle" if action == "rate" else "new_assignment"
    if action == "return":
        return "unit_returned"
    if action == "rate":
        rated = (case.get("rating") or {}).get("of")
        limit_reached = int(case.get("rehandle_count") or 0) >= MAX_REHANDLES
        return "rehandle_limit" if rated == "answered" and limit_reached else "unsatisfied"
    # A station's case (no deputy) is taken in and forwarded by the office itself.
    return "new_forward" if entered.get("actor_role") == "deputy" else "new_submission"


def _last_entering_move(case: dict) -> dict:
    for entry in reversed(case.get("timeline") or []):
        if entry.get("action") in _ENTERING:
            return entry
    return {}


def unit_done_at(case: dict) -> str | None:
    """When the case's unit answered it, while it stays answered or closed (the unit's
    已办结 tab, newest first); None otherwise."""
    if case["status"] not in ("answered", "closed") or not case.get("unit_id"):
        return None
    for entry in reversed(case.get("timeline") or []):
        if entry.get("action") == "answer":
            return entry["at"] if entry.get("actor_role") == "unit" else None
    return None
