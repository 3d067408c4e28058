"""Each handling stage of a case as the paper file records it: its deadline, when it was
done, and whether on time (the Excel export and the printable 办理单). Deadlines stay ISO
times here; moments.last_day_text is the one way they are written for people.

A case keeps only the deadlines in force. The earlier ones are replayed from its timeline
through the same rules the moves use (deadlines.py), with the case's own time limits and the
official days in force; a deadline still in force is taken from the case as it stands (so an
extension granted counts). After a re-handle a stage's last round is the one shown.
"""
from datetime import datetime

from functions.cases.deadlines import TimeLimits, carried_over, deadlines_for
from functions.cases.states import OPEN_STATUSES
from functions.shared.moments import iso, parse_iso
from functions.shared.working_days import NO_ENTRIES, EnteredDays

# Stage → the moves that end it (returning a case ends the unit's stages too).
STAGES = {"accept": {"accept", "reject"}, "consultation_answer": {"reply", "reject"},
          "assign": {"assign", "answer", "reject"}, "sign": {"sign", "return"},
          "answer": {"answer", "return"}}
RESTARTS = {"rate", "return", "release"}  # moves that set the clocks again (moves.py)


def stages(case: dict, *, now: datetime, entered: EnteredDays = NO_ENTRIES) -> list[dict]:
    """[{name, deadline, done_at, on_time}] in stage order, for the stages the case met;
    on_time is None while an open stage is not yet due."""
    limits = TimeLimits.from_dict(case.get("time_limits"))
    rows, status, current = {}, None, {}
    for entry in case.get("timeline") or []:
        at, action = entry["at"], entry["action"]
        for name, row in rows.items():
            if row["done_at"] is None and action in STAGES[name]:
                row["done_at"] = at
        moved = entry.get("status") or status
        if moved != status or action in RESTARTS:
            fresh = deadlines_for(moved, case["type"], parse_iso(at), limits, entered)
            current = {**carried_over(moved, current), **fresh}
            rows.update({name: {"name": name, "deadline": iso(due), "done_at": None}
                         for name, due in fresh.items() if name in STAGES})
        status = moved
    for name, due in (case.get("deadlines") or {}).items():
        if name in rows and rows[name]["done_at"] is None:
            rows[name]["deadline"] = due
    is_open = case["status"] in OPEN_STATUSES
    for row in rows.values():
        row["on_time"] = _on_time(row, is_open, now)
    return [rows[name] for name in STAGES if name in rows]


def _on_time(row: dict, is_open: bool, now: datetime) -> bool | None:
    if row["done_at"]:
        return row["done_at"] <= row["deadline"]
    if is_open and iso(now) > row["deadline"]:
        return False  # past its deadline and still not done
    return None  # not due yet, or the case ended another way


def answer_of(case: dict) -> dict | None:
    """The last answer or reply on the timeline (its text, when, by whom)."""
    return next((e for e in reversed(case.get("timeline") or [])
                 if e["action"] in ("answer", "reply")), None)


def closed_at(case: dict) -> str | None:
    """When the case was closed (rated, or closed unrated), if it is."""
    if case["status"] != "closed":
        return None
    return next((e["at"] for e in reversed(case.get("timeline") or [])
                 if e.get("status") == "closed"), None)

