"""What each suggestion action takes from the request body: (note, details, changes).

ValidationFailed (400) for a malformed body; anything about the suggestion's state is the
machine's (409). `changes` are plain fields the move sets, computed from the record read.
"""
from functions.shared.errors import ValidationFailed
from functions.shared.moments import iso
from functions.shared.validation import choice_problem, text_problem
from functions.suggestions.deadlines import MAX_TOTAL_MONTHS
from functions.suggestions.machine import RATINGS

MAX_TEXT, MAX_NOTE = 4000, 500
CONTACT_METHODS = ("phone", "visit", "meeting")
CLASSIFICATIONS = ("A", "B", "C")


def read(action: str, body: dict, suggestion: dict, actor_card: dict, now) -> tuple:
    """(note, details, changes) for `action`; ValidationFailed naming each bad field."""
    reader = _READERS.get(action, _optional_note)
    problems, note, details, changes = reader(body, suggestion, actor_card, now)
    problems = {k: v for k, v in problems.items() if v}
    if problems:
        raise ValidationFailed(f"invalid {action}", problems)
    return (note.strip() if isinstance(note, str) and note.strip() else None), details, changes


def _optional_note(body, suggestion, card, now):
    return ({"note": text_problem(body.get("note"), field_max=MAX_NOTE, required=False)},
            body.get("note"), {}, {})


def _reason(required: bool):
    def reader(body, suggestion, card, now):
        problem = text_problem(body.get("reason"), field_max=MAX_NOTE, required=required)
        return {"reason": problem}, body.get("reason"), {}, {}
    return reader


def _register(body, suggestion, card, now):
    problems, note, _, _ = _reason(False)(body, suggestion, card, now)
    if not isinstance(body.get("key", False), bool):
        problems["key"] = "true or false"
    return problems, note, {}, {"key": bool(body.get("key", False))}


def _mark_key(body, suggestion, card, now):
    problems = {} if isinstance(body.get("key"), bool) else {"key": "true or false"}
    return problems, None, {}, {"key": body.get("key")}


def _cosign(body, suggestion, card, now):
    problems = {"decision": choice_problem(body.get("decision"), ("sign", "decline"))}
    return problems, None, {"decision": body.get("decision"), "deputy_id": card["id"]}, {}


def _contact(body, suggestion, card, now):
    problems = {"method": choice_problem(body.get("method"), CONTACT_METHODS),
                "note": text_problem(body.get("note"), field_max=MAX_NOTE)}
    contact = {"method": body.get("method"), "note": body.get("note"), "at": iso(now)}
    return problems, body.get("note"), {}, {
        "contacts": list(suggestion.get("contacts") or []) + [contact]}


def _opinion(body, suggestion, card, now):
    problems = {"content": text_problem(body.get("content"), field_max=MAX_TEXT)}
    opinion = {"unit_id": card["id"], "unit_name": card.get("name"),
               "content": body.get("content"), "at": iso(now)}
    return problems, None, {}, {"opinions": list(suggestion.get("opinions") or []) + [opinion]}


def _answer(body, suggestion, card, now):
    classification = body.get("classification")
    problems = {"classification": choice_problem(classification, CLASSIFICATIONS),
                "content": text_problem(body.get("content"), field_max=MAX_TEXT),
                "planned_by": text_problem(body.get("planned_by"), field_max=100,
                                           required=classification == "B"),
                "reason": text_problem(body.get("reason"), field_max=MAX_NOTE,
                                       required=classification == "C")}
    answer = {"classification": classification, "content": body.get("content"),
              "planned_by": body.get("planned_by") if classification == "B" else None,
              "reason": body.get("reason") if classification == "C" else None}
    return problems, None, {"answer": answer, "now": now}, {}


def _request_extension(body, suggestion, card, now):
    room = MAX_TOTAL_MONTHS - int(suggestion.get("answer_months") or 0)
    months = body.get("months")
    problems = {"reason": text_problem(body.get("reason"), field_max=MAX_NOTE)}
    if room < 1:
        problems["months"] = f"the answer is already due {MAX_TOTAL_MONTHS} months after assignment"
    elif not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= room:
        problems["months"] = f"a whole number from 1 to {room}"
    extension = {"months": months, "reason": body.get("reason"), "status": "pending",
                 "requested_at": iso(now)}
    return problems, body.get("reason"), {}, {"extension": extension}


def _decide_extension(body, suggestion, card, now):
    grant = body.get("grant")
    problems = {} if isinstance(grant, bool) else {"grant": "true or false"}
    return problems, body.get("note"), {"grant": grant}, {}


def _assign(body, suggestion, card, now):
    from functions.org.regions import cached_region
    from functions.org.units import find_units
    from functions.suggestions.deadlines import answer_months_of
    unit_id, co_ids = body.get("unit_id"), body.get("co_unit_ids") or []
    if not isinstance(unit_id, str) or not unit_id:
        return {"unit_id": "required"}, None, {}, {}
    if not isinstance(co_ids, list) or not all(isinstance(u, str) for u in co_ids) \
            or len(co_ids) > 5 or unit_id in co_ids or len(set(co_ids)) != len(co_ids):
        return {"co_unit_ids": "up to 5 other distinct unit ids"}, None, {}, {}
    usable = {u.unit_id: u for u in find_units([unit_id, *co_ids])
              if u.region_id == suggestion["region_id"] and u.active}
    missing = [u for u in [unit_id, *co_ids] if u not in usable]
    if missing:
        field = "unit_id" if unit_id in missing else "co_unit_ids"
        return {field: f"no active unit {', '.join(missing)} in this region"}, None, {}, {}
    months = answer_months_of(cached_region(suggestion["region_id"]).time_limits)
    return {}, body.get("note"), {}, {
        "unit_id": unit_id, "unit_name": usable[unit_id].name, "co_unit_ids": co_ids,
        "co_units": [{"id": u, "name": usable[u].name} for u in co_ids],
        "answer_months": months, "assigned_at": iso(now)}


def _evaluate(body, suggestion, card, now):
    problems = {"rating": choice_problem(body.get("rating"), RATINGS),
                "comment": text_problem(body.get("comment"), field_max=MAX_NOTE,
                                        required=False)}
    return problems, body.get("comment"), {"rating": body.get("rating"),
                                           "note": body.get("comment")}, {}


_READERS = {"register": _register, "convert": _reason(True), "return": _reason(True),
            "cosign": _cosign, "contact": _contact, "opinion": _opinion, "answer": _answer,
            "request_extension": _request_extension, "decide_extension": _decide_extension,
            "evaluate": _evaluate, "assign": _assign, "mark_key": _mark_key}
