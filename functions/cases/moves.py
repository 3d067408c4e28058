"""Moving a case: its workflow machine and `apply`, the one function every change goes through.

The machine is states.py's table plus the office's review of a held case, the guards, the
deadlines of each status (deadlines.py) and who hears of each move (AUDIENCES); the generic
engine (functions/workflow) turns one action into the new status, timeline entry,
deadlines and outbox. The repository writes the result in one conditional put, so the
timeline and the notifications it owes can never disagree with the status.
"""
import dataclasses
from datetime import datetime

from functions.cases import extension, placement
from functions.cases.deadlines import carried_over, deadline_rule
from functions.cases.reminder_rules import is_overdue
from functions.cases.states import STATE_MACHINE, TABLE, allowed_while_held
from functions.shared.errors import InvalidTransition
from functions.shared.working_days import NO_ENTRIES, EnteredDays
from functions.workflow import engine
from functions.workflow.extensions import one_extension_at_a_time
from functions.workflow.engine import outbox_entry, timeline_entry  # noqa: F401 (re-exported)

# Who hears of each move (the notify drain resolves them to people and channels).
AUDIENCES = {
    "submit": ("deputy",),
    "hold": ("office",),
    "release": ("deputy",),
    "accept": ("citizen",),
    "reply": ("citizen",),
    "forward": ("office",),
    "reject": ("citizen",),
    "withdraw": (),
    "assign": ("unit", "citizen"),
    "urge": ("unit",),
    "sign": ("citizen",),
    "progress": ("citizen",),
    "answer": ("citizen",),
    "return": ("office",),
    "rate": (),
    "close_unrated": (),
    "request_extension": ("office",),
    "decide_extension": ("unit",),
}

# Who must act on each deadline; the office also hears of everything overdue.
RESPONSIBLE = {"accept": "deputy", "consultation_answer": "deputy", "assign": "office",
               "sign": "unit", "answer": "unit"}


def reminder_audiences(case: dict, reminder: dict) -> list[str]:
    """Who hears of a reminder: whoever must act (the office while it reviews a held case),
    and the office of anything overdue (again every working morning while it stays so)."""
    audiences = {"office" if placement.is_held(case)
                 else RESPONSIBLE.get(reminder["deadline"], "office")}
    if reminder["kind"] in ("overdue", "still_overdue"):
        audiences.add("office")
    return sorted(audiences)


# What a held case (the content check flagged its text) still allows: the office's review
# (issue 11: the owner cannot withdraw it meanwhile; states.HELD_MOVES names the role).
REVIEW_ACTIONS = ("reject", "release")


def held_for_review(case: dict, action: str) -> str | None:
    """Guard: a held case waits for the office's release or rejection, nothing else."""
    if action == "release" and not placement.is_held(case):
        return "only a submitted case held for review can be released"
    if placement.is_held(case) and action not in REVIEW_ACTIONS:
        return "the office reviews this case before anyone else acts on it"
    return None


def audiences(action: str, case: dict, details: dict) -> tuple:
    """Who hears of `action`; an unsatisfied rating goes to whoever handles the case next."""
    if action == "rate" and details.get("rating") == "unsatisfied":
        return ("unit",) if case["status"] == "assigned" else ("office",)
    return AUDIENCES.get(action, ())


def _rated(old: dict, new: dict, details: dict) -> dict:
    new["rating"] = {"rating": details["rating"], "comment": details.get("note"),
                     "at": new["updated_at"], "of": old["status"]}
    if new["status"] == "assigned":
        new["rehandle_count"] = int(old.get("rehandle_count") or 0) + 1
    return {"rating": details["rating"]} if details.get("rating") else {}


def _on_time(old: dict, new: dict, details: dict) -> dict:
    # Kept on the entry so the figures can always be recounted from the case alone.
    return {"on_time": not is_overdue(old.get("deadlines") or {}, details["now"])}


def _released(old: dict, new: dict, details: dict) -> dict:
    new["held_for_review"] = False
    new["overdue"] = bool(old.get("overdue"))  # a release restarts the clocks, not the mark
    return {}


CASES = dataclasses.replace(
    STATE_MACHINE,
    moves={**TABLE, ("submitted", "release"): "submitted", **extension.MOVES},
    guards=(held_for_review, one_extension_at_a_time),
    deadlines=deadline_rule(NO_ENTRIES, {}), carried_over=carried_over,
    restart_deadlines_on=frozenset({"rate", "return", "release"}),
    audiences=audiences,
    effects={"rate": _rated, "reply": _on_time, "answer": _on_time, "release": _released,
             "request_extension": extension.on_request,
             "decide_extension": extension.on_decision},
    event_prefix="case_",
)


def outbox_entries(action: str, at: datetime, *, rating: str | None = None,
                   status: str | None = None) -> list[dict]:
    """The notifications `action` owes (a case entering `status`), as the machine says."""
    return engine.outbox_entries(CASES, action, {"status": status}, at, {"rating": rating})


def possible_actions(case: dict) -> list[str]:
    """Actions the case accepts now: the table's moves from its status that no guard refuses."""
    return [action for action in CASES.allowed_actions(case["status"])
            if CASES.refusal(case, action) is None]


def apply(case: dict, *, action: str, actor: dict, now: datetime,
          note: str | None = None, photos=None, rating: str | None = None,
          changes: dict | None = None, calendar: EnteredDays = NO_ENTRIES) -> dict:
    """The case after `actor` does `action` at `now`; raises InvalidTransition if not allowed.

    `changes` sets plain fields that come with the move (unit_id on assign, ...).
    A case held by the content check moves only by the office's release or rejection.
    `calendar`: the official days entered beyond the library, for working-day deadlines.
    """
    if placement.is_held(case) and not allowed_while_held(action, actor.get("role")):
        raise InvalidTransition(f"the office reviews this case before anyone else acts on it "
                                f"(cannot {action} it)")
    details = {"rating": rating, "note": note, "now": now, "calendar": calendar,
               "rehandle_count": int(case.get("rehandle_count") or 0)}
    machine = dataclasses.replace(CASES, deadlines=deadline_rule(calendar, changes or {}))
    new = engine.apply(machine, case, action=action, actor=actor, now=now, note=note,
                       photos=photos, details=details, changes=changes)
    extension.finish(case, new)
    return new
