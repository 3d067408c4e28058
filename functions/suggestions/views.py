"""What a suggestion looks like to each reader: insiders see all, the public no notes.

No phone number is stored in a suggestion's own fields; any personal number or address a
deputy or unit wrote into its text is masked for the public (as a public case's text is).
"""
from functions.shared.masking import mask_text
from functions.suggestions.access import ACTION_ROLES, INSIDERS
from functions.suggestions.machine import SUGGESTIONS
from functions.workflow.move_retries import without_retry_fields

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
        view["timeline"] = [without_retry_fields(e) for e in suggestion.get("timeline") or []]
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
    view["title"], view["content"] = _masked(view["title"]), _masked(view["content"])
    view["cosigners"] = [_cosigner(c) for c in suggestion.get("cosigners") or []
                         if c.get("status") == "signed"]
    view["answers"] = [{"classification": a.get("classification"),
                        "planned_by": a.get("planned_by"), "reason": _masked(a.get("reason")),
                        "content": _masked(a.get("content")), "at": a.get("at")}
                       for a in suggestion.get("answers") or []]
    view["evaluations"] = [{"rating": e.get("rating"), "comment": _masked(e.get("comment")),
                            "at": e.get("at")} for e in suggestion.get("evaluations") or []]
    view["timeline"] = [{k: t.get(k) for k in ("at", "actor_role", "action", "status")}
                        for t in suggestion.get("timeline") or []]
    return view


def _cosigner(cosigner: dict) -> dict:
    return {"deputy_id": cosigner["deputy_id"], "name": cosigner.get("name"),
            "status": cosigner["status"]}


def _masked(text: str | None) -> str | None:
    return None if text is None else mask_text(text)
