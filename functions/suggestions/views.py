"""What a suggestion looks like to each reader: insiders see all, the public no notes.

No phone number is ever stored on a suggestion, so none can leak from it.
"""
from functions.suggestions.access import ACTION_ROLES, INSIDERS
from functions.suggestions.machine import SUGGESTIONS

_HIDDEN = ("outbox", "reminded", "version", "awaiting_evaluation", "answer_months",
           "registering_at")
PUBLIC_FIELDS = ("id", "number", "title", "content", "category", "session", "status",
                 "region_id", "lead_id", "lead_name", "key", "unit_id", "unit_name",
                 "co_units", "answers", "evaluations", "registered_at", "created_at",
                 "updated_at")


def suggestion_view(suggestion: dict, *, roles: set[str]) -> dict:
    """The suggestion as `roles` may see it, with the actions it accepts now."""
    if roles & INSIDERS:
        view = {k: v for k, v in suggestion.items() if k not in _HIDDEN}
        view["cosigners"] = [_cosigner(c) for c in suggestion.get("cosigners") or []]
        view["deadlines"] = dict(suggestion.get("deadlines") or {})
        view["overdue"] = bool(suggestion.get("overdue"))
        view["allowed_actions"] = [a for a in SUGGESTIONS.allowed_actions(suggestion["status"])
                                   if SUGGESTIONS.refusal(suggestion, a) is None]
        # What this reader may do now: the moves allowed whose roles it holds.
        view["actions"] = [a for a in view["allowed_actions"] if ACTION_ROLES[a] & roles]
        return view
    return public_view(suggestion)


def public_view(suggestion: dict) -> dict:
    view = {k: suggestion.get(k) for k in PUBLIC_FIELDS}
    view["cosigners"] = [_cosigner(c) for c in suggestion.get("cosigners") or []
                         if c.get("status") == "signed"]
    view["answers"] = [{k: a.get(k) for k in ("classification", "planned_by", "reason",
                                              "content", "at")}
                       for a in suggestion.get("answers") or []]
    view["evaluations"] = [{k: e.get(k) for k in ("rating", "comment", "at")}
                           for e in suggestion.get("evaluations") or []]
    view["timeline"] = [{k: t.get(k) for k in ("at", "actor_role", "action", "status")}
                        for t in suggestion.get("timeline") or []]
    return view


def _cosigner(cosigner: dict) -> dict:
    return {"deputy_id": cosigner["deputy_id"], "name": cosigner.get("name"),
            "status": cosigner["status"]}
