"""Who may see and do what on a suggestion. An actor is the claims of a verified token."""
from functions.shared.errors import Forbidden, Unauthorized
from functions.suggestions import placement

ACTION_ROLES = {
    "submit": {"lead"}, "cosign": {"cosigner"}, "evaluate": {"lead"},
    "register": {"office"}, "convert": {"office"}, "return": {"office"},
    "assign": {"office"}, "decide_extension": {"office"}, "mark_key": {"office"},
    "sign": {"unit", "co_unit"}, "contact": {"unit"}, "opinion": {"co_unit"},
    "answer": {"unit"}, "request_extension": {"unit"},
}
# Roles that see the whole suggestion (contacts, opinions, notes); others get the public view.
INSIDERS = frozenset({"lead", "cosigner", "office", "admin", "unit", "co_unit"})


def roles_on(suggestion: dict, actor: dict | None) -> set[str]:
    """Every role the actor holds on this suggestion (`public` once it is registered)."""
    roles = {"public"} if placement.is_public(suggestion) else set()
    if not actor:
        return roles
    if actor.get("kind") == "user" and actor.get("deputy_id"):
        deputy_id = actor["deputy_id"]
        if suggestion.get("lead_id") == deputy_id:
            roles.add("lead")
        for cosigner in suggestion.get("cosigners") or []:
            if cosigner["deputy_id"] == deputy_id:
                roles.add("cosigner")
    elif actor.get("kind") == "staff" and actor.get("region_id") == suggestion["region_id"]:
        role, unit_id = actor.get("role"), actor.get("unit_id")
        if role in ("office", "admin"):
            roles.add(role)
        elif role == "unit" and unit_id and suggestion.get("unit_id") == unit_id:
            roles.add("unit")
        elif role == "unit" and unit_id in (suggestion.get("co_unit_ids") or []):
            roles.add("co_unit")
    return roles


def require_read(suggestion: dict, actor: dict | None) -> set[str]:
    roles = roles_on(suggestion, actor)
    if not roles and not actor:
        raise Unauthorized("log in first")
    if not roles:
        raise Forbidden("you may not see this suggestion")
    return roles


def require_action(suggestion: dict, actor: dict | None, action: str) -> str:
    """The role under which the actor takes `action`; Forbidden if none allows it."""
    if not actor:
        raise Unauthorized("log in first")
    allowed = ACTION_ROLES[action] & roles_on(suggestion, actor)
    if not allowed:
        raise Forbidden(f"you may not {action} this suggestion")
    return "unit" if "unit" in allowed else sorted(allowed)[0]
