"""What each case move takes from the request body: (note, photos, rating, changes).

ValidationFailed (400) naming each bad field. Who may make the move is checked before
(functions/cases/handling.py); whether the case's status allows it is the machine's
(functions/cases/moves.py).
"""
from functions.cases import extension
from functions.cases.deadlines import TimeLimits
from functions.cases.states import RATINGS
from functions.identity.access import actor_id
from functions.shared.errors import ValidationFailed
from functions.shared.validation import choice_problem, photos_problem, text_problem

MAX_TEXT = 2000
MAX_NOTE = 500
RESOLUTIONS = ("policy_answer", "resolved_on_spot")


def read(action: str, body: dict, actor: dict, case: dict):
    """Validated (note, photos, rating, changes) for the action; ValidationFailed if not."""
    problems, note, photos, rating, changes = {}, None, None, None, {}
    if action in (extension.REQUEST, extension.DECIDE):
        reader = extension.request_inputs if action == extension.REQUEST \
            else extension.decision_inputs
        problems, note, changes = reader(body, case)
    if action in ("reply", "progress", "answer"):
        problems["content"] = text_problem(body.get("content"), field_max=MAX_TEXT)
        note = body.get("content")
    elif action in ("reject", "return"):
        problems["reason"] = text_problem(body.get("reason"), field_max=MAX_NOTE)
        note = body.get("reason")
    elif action in ("forward", "urge", "assign", "accept", "sign", "withdraw", "release"):
        problems["note"] = text_problem(body.get("note"), field_max=MAX_NOTE, required=False)
        note = body.get("note")
    elif action == "rate":
        problems["rating"] = choice_problem(body.get("rating"), RATINGS)
        problems["comment"] = text_problem(body.get("comment"), field_max=MAX_NOTE,
                                           required=False)
        rating, note = body.get("rating"), body.get("comment")
    if action == "reply":
        problems["resolution"] = choice_problem(body.get("resolution"), RESOLUTIONS)
    if action in ("progress", "answer"):
        photos, problems["photos"] = _photos(body.get("photos"), actor)
    if action == "assign":
        changes, assignment_problems = _assignment(body, case)
        problems.update(assignment_problems)
    if action == "return":
        changes = {"unit_id": None, "co_unit_ids": None, "unit_name": None}
    problems = {k: v for k, v in problems.items() if v}
    if problems:
        raise ValidationFailed(f"invalid {action}", problems)
    if action == "reply":
        changes["resolution"] = body["resolution"]
    return (note.strip() if isinstance(note, str) and note.strip() else None), photos, \
        rating, changes


def _photos(value, actor):
    from functions.cases.uploads import owns
    photos = value or []
    problem = photos_problem(photos, lambda p: owns(p, actor_id(actor)))
    return (None, problem) if problem else (photos, None)


def _assignment(body: dict, case: dict):
    from functions.org.units import find_units
    unit_id, co_ids = body.get("unit_id"), body.get("co_unit_ids") or []
    if not isinstance(unit_id, str) or not unit_id:
        return {}, {"unit_id": "required"}
    if not isinstance(co_ids, list) or not all(isinstance(u, str) for u in co_ids) \
            or len(co_ids) > 5 or unit_id in co_ids or len(set(co_ids)) != len(co_ids):
        return {}, {"co_unit_ids": "up to 5 other distinct unit ids"}
    units = find_units([unit_id, *co_ids])
    usable = {u.unit_id: u for u in units if u.region_id == case["region_id"] and u.active}
    missing = [u for u in [unit_id, *co_ids] if u not in usable]
    if missing:
        field = "unit_id" if unit_id in missing else "co_unit_ids"
        return {}, {field: f"no active unit {', '.join(missing)} in this region"}
    days = body.get("answer_working_days")
    if extension.answer_days_problem(days):
        return {}, {"answer_working_days": extension.answer_days_problem(days)}
    return {"unit_id": unit_id, "co_unit_ids": co_ids or None,
            "unit_name": usable[unit_id].name,
            "answer_working_days": days or TimeLimits.from_dict(
                case.get("time_limits")).unit_answer_days,
            "extension": None}, {}
