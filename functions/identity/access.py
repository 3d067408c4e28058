"""Who may see and do what on a case. An actor is the claims of a verified token.

Actors: `{"kind": "user", "user_id", "roles", "deputy_id"?, "linked_user_id"?}` for
WeChat/H5 users (`linked_user_id`: the same person's other door, phone_link.py) and
`{"kind": "staff", "username", "role", "region_id", "unit_id"?}` for staff.
"""
from functions.cases import placement
from functions.identity.users import owner_ids
from functions.shared.errors import Forbidden, Unauthorized

# Which role on a case may take each action.
ACTION_ROLES = {
    "withdraw": {"citizen"}, "rate": {"citizen"},
    "accept": {"deputy"}, "reply": {"deputy"}, "forward": {"deputy"},
    "reject": {"deputy", "office"},
    "assign": {"office"}, "urge": {"office"}, "release": {"office"},
    "sign": {"unit"}, "answer": {"unit", "office"}, "return": {"unit"},
    "progress": {"unit", "co_unit"},
    "request_extension": {"unit"}, "decide_extension": {"office"},
}
# A role whose right to an action holds only in some statuses: the office answers a case
# itself only while it is forwarded (no unit holds it); a unit's case is the unit's to answer.
ROLE_STATUSES = {("answer", "office"): frozenset({"forwarded"})}
# What staff may do to a case (the admin page offers these): every action but the citizen's.
STAFF_ACTIONS = frozenset(a for a, roles in ACTION_ROLES.items() if roles - {"citizen"})


def roles_on(case: dict, actor: dict | None) -> set[str]:
    """Every role the actor holds on this case (empty: may not see it)."""
    if not actor:
        return set()
    roles = set()
    if actor.get("kind") == "user":
        # Either door of the person (WeChat, H5 phone) owns what the other submitted.
        if case.get("owner_id") in owner_ids(actor):
            roles.add("citizen")
        if actor.get("deputy_id") and placement.deputy_of(case) == actor["deputy_id"]:
            roles.add("deputy")
    elif actor.get("kind") == "staff" and actor.get("region_id") == case.get("region_id"):
        role = actor.get("role")
        if role == "office":
            roles.add("office")
            if not case.get("deputy_id"):
                roles.add("deputy")  # station/office entries: the office takes them in
        elif role == "admin":
            roles.add("admin")
        elif role == "unit" and actor.get("unit_id"):
            if case.get("unit_id") == actor["unit_id"]:
                roles.add("unit")
            elif actor["unit_id"] in (case.get("co_unit_ids") or []):
                roles.add("co_unit")
    return roles


def require_read(case: dict, actor: dict | None) -> set[str]:
    roles = roles_on(case, actor)
    if not roles:
        raise Forbidden("you may not see this case")
    return roles


def may_act(case: dict, role: str, action: str) -> bool:
    """Does holding `role` on the case give the right to take `action` in its status?"""
    statuses = ROLE_STATUSES.get((action, role))
    return role in ACTION_ROLES.get(action, ()) and (
        statuses is None or case.get("status") in statuses)


def require_action(case: dict, actor: dict | None, action: str) -> str:
    """The role under which the actor takes `action`; Forbidden if none allows it."""
    allowed = {role for role in roles_on(case, actor) if may_act(case, role, action)}
    if not allowed:
        raise Forbidden(f"you may not {action} this case")
    # Prefer the most specific role when one person holds several.
    for role in ("citizen", "deputy", "unit", "co_unit", "office"):
        if role in allowed:
            return role
    return allowed.pop()


def require_user(actor: dict | None, role: str | None = None) -> dict:
    if not actor:
        raise Unauthorized("log in first")
    if actor.get("kind") != "user" or (role and role not in actor.get("roles", [])):
        raise Forbidden(f"only a {role or 'WeChat'} user may do this")
    return actor


def require_staff(actor: dict | None, *roles: str) -> dict:
    if not actor:
        raise Unauthorized("log in first")
    if actor.get("kind") != "staff" or (roles and actor.get("role") not in roles):
        raise Forbidden(f"only {' or '.join(roles) or 'staff'} may do this")
    return actor


def actor_id(actor: dict) -> str:
    """A stable id of the actor, for owning uploads."""
    if actor.get("kind") == "staff":
        return f"staff:{actor['username']}"
    return actor["user_id"]


def claims_actor_id(claims: dict) -> str:
    """`actor_id` of a token's caller, known before the caller is read (a staff token's
    principal is its username, a user's its user id)."""
    return actor_id({"kind": claims.get("kind"), "username": claims["id"],
                     "user_id": claims["id"]})
