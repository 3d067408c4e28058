"""What each viewer sees of a case: the full case for those involved, a masked one publicly."""
from datetime import datetime

from functions.cases import placement
from functions.cases.moves import possible_actions
from functions.shared.masking import mask_text
from functions.cases.reminder_rules import is_overdue
from functions.identity.access import may_act
from functions.workflow.move_retries import without_retry_fields

_INTERNAL = ("outbox", "reminded", "time_limits", "version", "owner_id")
# Raw Idempotency-Keys an extension request or decision of older code kept beside it: a
# case stored then still carries them (nothing reads them now), and they stay inside too.
_STORED_BEFORE = ("request_key", "decision_key")


def _photos(file_ids):
    from functions.cases.uploads import photo_urls
    return photo_urls(file_ids or [])


def _timeline(entries):
    result = []
    for entry in entries or []:
        shown = without_retry_fields(entry)  # the retry keys stay inside
        if shown.get("photos"):
            shown["photos"] = _photos(shown["photos"])
        result.append(shown)
    return result


def case_view(case: dict, *, roles: set[str], now: datetime) -> dict:
    """The case for someone holding `roles` on it (owner, its deputy, office, unit)."""
    view = {k: v for k, v in case.items() if k not in _INTERNAL}
    view["photos"] = _photos(case.get("photos"))
    view["timeline"] = _timeline(case.get("timeline"))
    view["deadlines"] = dict(case.get("deadlines") or {})
    view["overdue"] = bool(case.get("overdue")) or is_overdue(view["deadlines"], now)
    view["rehandle_count"] = int(case.get("rehandle_count") or 0)
    view["public"] = bool(case.get("public"))
    view["held_for_review"] = placement.is_held(case)
    view["co_unit_ids"] = list(case.get("co_unit_ids") or [])
    if case.get("extension"):
        view["extension"] = {k: v for k, v in case["extension"].items()
                             if k not in _STORED_BEFORE}
    possible = possible_actions(case)
    view["actions"] = [a for a in possible if any(may_act(case, r, a) for r in roles)]
    if placement.is_held(case) and "office" not in roles:
        view["actions"] = []  # the office alone releases or rejects a held case
    for name in ("unit_id", "unit_name", "rating", "location", "contact_phone", "deputy_id"):
        view.setdefault(name, None)
    if roles <= {"admin"}:
        # The contract gives the citizen's phone to those who handle the case; a system
        # administrator only looks after the system.
        view["contact_phone"] = None
    return view


def summary_view(case: dict, *, now: datetime) -> dict:
    """A list row: enough to show a card and open the case."""
    deadlines = dict(case.get("deadlines") or {})
    return {"id": case["id"], "status": case["status"], "type": case["type"],
            "category": case["category"], "content": case["content"][:100],
            "created_at": case["created_at"], "updated_at": case["updated_at"],
            "deputy_id": case.get("deputy_id"), "deputy_name": case.get("deputy_name"),
            "unit_id": case.get("unit_id"), "unit_name": case.get("unit_name"),
            "deadlines": deadlines,
            "overdue": bool(case.get("overdue")) or is_overdue(deadlines, now),
            "held_for_review": placement.is_held(case),
            "rehandle_count": int(case.get("rehandle_count") or 0)}


def public_view(case: dict) -> dict:
    """A published case: the text the office approved, no owner, no phone, no exact place;
    numbers and e-mail addresses in any text masked (again)."""
    return {"id": case["id"], "status": case["status"], "type": case["type"],
            "category": case["category"],
            "content": mask_text(case.get("public_text") or case["content"]),
            "photos": _photos(case.get("photos")),
            "created_at": case["created_at"], "updated_at": case["updated_at"],
            "region_id": case["region_id"], "region_name": case.get("region_name"),
            "deputy_name": case.get("deputy_name"), "unit_name": case.get("unit_name"),
            "rating": (case.get("rating") or {}).get("rating"),
            "timeline": [{"at": e["at"], "actor_role": e["actor_role"], "action": e["action"],
                          **({"note": mask_text(e["note"])} if e.get("note") else {})}
                         for e in case.get("timeline") or []]}
