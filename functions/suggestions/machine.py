"""A suggestion's life as a workflow.Machine, exactly as deputy-work.md writes it.

draft → cosigning → submitted → registered | converted; submitted → draft (returned);
registered → assigned → in_progress → answered → closed; answered + unsatisfied →
in_progress once (`rehandle_count` 1), and the second answer closes it whatever the
rating. Moves in place (co-signing, contact, opinion, extensions) keep the status.
"""
from datetime import datetime

from functions.shared.moments import iso, parse_iso
from functions.suggestions.deadlines import add_months
from functions.workflow.extensions import (answer_deadline_moved, decided,
                                           one_extension_at_a_time)
from functions.workflow.machine import Machine

STATUSES = ("draft", "cosigning", "submitted", "registered", "converted", "assigned",
            "in_progress", "answered", "closed")
RATINGS = ("satisfied", "basically_satisfied", "unsatisfied")
HANDLING = ("assigned", "in_progress")


def _after_answer(record: dict, details: dict) -> str:
    return "closed" if int(record.get("rehandle_count") or 0) >= 1 else "answered"


def _after_evaluation(record: dict, details: dict) -> str:
    if record["status"] == "closed":
        return "closed"  # the second answer's rating: recorded, it changes nothing
    return "in_progress" if details.get("rating") == "unsatisfied" else "closed"


def _after_sign(record: dict, details: dict) -> str:
    return "in_progress" if details.get("role") == "unit" else record["status"]


MOVES = {
    ("draft", "submit"): "submitted",
    ("cosigning", "cosign"): "cosigning",
    ("cosigning", "submit"): "submitted",
    ("submitted", "register"): "registered",
    ("submitted", "convert"): "converted",
    ("submitted", "return"): "draft",
    ("registered", "assign"): "assigned",
    ("assigned", "sign"): _after_sign,
    ("in_progress", "sign"): "in_progress",
    ("in_progress", "contact"): "in_progress",
    ("assigned", "opinion"): "assigned",
    ("in_progress", "opinion"): "in_progress",
    ("in_progress", "answer"): _after_answer,
    **{(status, "request_extension"): status for status in HANDLING},
    **{(status, "decide_extension"): status for status in HANDLING},
    # The office marks (or unmarks) a registered suggestion for 重点督办 at any stage.
    **{(status, "mark_key"): status for status in ("registered", *HANDLING, "answered")},
    ("answered", "evaluate"): _after_evaluation,
    ("closed", "evaluate"): _after_evaluation,
}


def open_invitation(record: dict, action: str) -> str | None:
    """Guard: the lead submits only when every invited co-signer has answered."""
    if action == "submit" and any(c.get("status") == "invited"
                                  for c in record.get("cosigners") or []):
        return "a co-signing invitation is still open"
    return None


def registration_under_way(record: dict, action: str) -> str | None:
    """Guard: once the office started registering (a number may be claimed), only the
    registration itself can follow, so no claimed number is ever left unused."""
    if action in ("convert", "return") and record.get("registering_at"):
        return "the office is registering this suggestion; register it to finish"
    return None


def contact_first(record: dict, action: str) -> str | None:
    """Guard: the lead unit answers only after recording a contact with the lead deputy."""
    if action == "answer" and not record.get("contacts"):
        return "record a contact with the lead deputy before answering"
    return None


def evaluation_owed(record: dict, action: str) -> str | None:
    """Guard: each answer is evaluated once; a converted or unanswered one never."""
    if action == "evaluate" and not record.get("awaiting_evaluation"):
        return "this answer has already been evaluated"
    return None


def _deadlines(status: str, record: dict, entered_at: datetime) -> dict:
    """A handled-again suggestion gets a fresh answer period (assignment sets its own)."""
    if status == "in_progress" and record["status"] == "answered":
        return {"answer": add_months(entered_at, int(record.get("answer_months") or 3))}
    return {}


def _carried_over(status: str, previous: dict) -> dict:
    return {k: v for k, v in previous.items() if k == "answer"} if status in HANDLING else {}


AUDIENCES = {
    "cosign": ("deputy",), "submit": ("office", "cosigners"),
    "register": ("deputy", "cosigners"), "convert": ("deputy", "cosigners"),
    "return": ("deputy", "cosigners"), "assign": ("unit", "co_units", "deputy", "cosigners"),
    "sign": ("deputy",), "opinion": ("unit",), "answer": ("deputy", "cosigners"),
    "request_extension": ("office",), "decide_extension": ("unit",),
}


def audiences(action: str, record: dict, details: dict) -> tuple:
    """Who hears of `action`; an unsatisfied evaluation sends it back to the lead unit."""
    if action == "evaluate":
        return ("unit", "co_units") if record["status"] == "in_progress" else ("unit",)
    return AUDIENCES.get(action, ())


def _evaluated(old: dict, new: dict, details: dict) -> dict:
    evaluation = {"rating": details["rating"], "comment": details.get("note"),
                  "at": new["updated_at"], "round": int(old.get("rehandle_count") or 0)}
    new["evaluations"] = list(old.get("evaluations") or []) + [evaluation]
    new["awaiting_evaluation"] = False
    if new["status"] == "in_progress":
        new["rehandle_count"] = int(old.get("rehandle_count") or 0) + 1
    return {"rating": details["rating"]}


def _assigned(old: dict, new: dict, details: dict) -> dict:
    due = add_months(parse_iso(new["assigned_at"]), int(new["answer_months"]))
    new["deadlines"] = {"answer": iso(due)}
    return {"unit_id": new["unit_id"]}


def _cosigned(old: dict, new: dict, details: dict) -> dict:
    status = "signed" if details["decision"] == "sign" else "declined"
    new["cosigners"] = [{**c, "status": status, "answered_at": new["updated_at"]}
                        if c["deputy_id"] == details["deputy_id"] else c
                        for c in old.get("cosigners") or []]
    return {"decision": details["decision"], "deputy_id": details["deputy_id"]}


def _answered(old: dict, new: dict, details: dict) -> dict:
    deadline = (old.get("deadlines") or {}).get("answer")
    answer = {**details["answer"], "at": new["updated_at"],
              "on_time": not deadline or iso(details["now"]) <= deadline,
              "round": int(old.get("rehandle_count") or 0)}
    new["answers"] = list(old.get("answers") or []) + [answer]
    new["awaiting_evaluation"] = True
    return {"classification": answer["classification"], "on_time": answer["on_time"]}


def _extension_decided(old: dict, new: dict, details: dict) -> dict:
    extension = decided(old["extension"], bool(details["grant"]), new["updated_at"])
    new["extension"] = extension
    if details["grant"]:
        assigned_at = parse_iso(old["assigned_at"])
        total = int(old.get("answer_months") or 3) + int(extension["months"])
        new["answer_months"] = total
        answer_deadline_moved(old, new, iso(add_months(assigned_at, total)))
        new["overdue"] = False
    return {"granted": bool(details["grant"])}


SUGGESTIONS = Machine(
    name="suggestion", statuses=STATUSES, closed=frozenset({"converted", "closed"}),
    moves=MOVES,
    guards=(open_invitation, registration_under_way, contact_first, one_extension_at_a_time, evaluation_owed),
    deadlines=_deadlines, carried_over=_carried_over, audiences=audiences,
    effects={"assign": _assigned, "cosign": _cosigned, "evaluate": _evaluated, "answer": _answered,
             "decide_extension": _extension_decided},
    event_prefix="suggestion_",
)
