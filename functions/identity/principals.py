"""Who the caller is now: the token's principal, loaded from the store at every request.

A token names a principal (a user or a staff account) and the session generation it
was issued under. The actor the use cases take is built from the principal's current
item, so a role granted (deputy binding) or taken away (a deputy replaced or deactivated,
an account locked) counts at the caller's next request, and a moved-on generation
(logout, deactivation, password reset) refuses every older token and cookie.
"""
from functions.identity import tokens as auth_tokens, users
from functions.shared.errors import Unauthorized
from functions.storage import account_writes, keys, prefetch
from functions.storage.models import StaffItem, UserItem


def user_session(item: UserItem) -> dict:
    """A fresh token for this user and the user's current view."""
    return {**auth_tokens.issue(kind="user", principal_id=item.user_id,
                                generation=item.session_generation or 0),
            "user": users.user_view(item)}


def staff_session(item: StaffItem) -> dict:
    """A fresh token for this staff account."""
    return auth_tokens.issue(kind="staff", principal_id=item.username,
                             generation=item.session_generation or 0)


def principal_pk(claims: dict) -> str:
    if claims["kind"] == "staff":
        return keys.staff_pk(claims["id"])
    return keys.user_pk(claims["id"])


def load_actor(claims: dict, *also: str) -> dict:
    """The actor of verified token claims; items `also` (pks) are read in the same call
    and kept for this request (functions/storage/prefetch.py)."""
    pk = principal_pk(claims)
    items = prefetch.read([(pk, keys.META)] + [(other, keys.META) for other in also
                                               if other != pk])
    principal = items.pop(pk)
    prefetch.keep(items)
    return actor_of(claims, principal)


def actor_of(claims: dict, item) -> dict:
    """The actor for this principal item as it is now; Unauthorized when the session
    ended, the account is locked or gone."""
    if item is None or (item.session_generation or 0) != claims["generation"]:
        raise Unauthorized("this session has ended, log in again")
    if claims["kind"] == "staff":
        if not isinstance(item, StaffItem) or not item.active:
            raise Unauthorized("this account is locked")
        return staff_actor(item)
    if not isinstance(item, UserItem):
        raise Unauthorized("invalid token")
    return user_actor(item)


def user_actor(item: UserItem) -> dict:
    roles = set(item.roles or {"citizen"})
    if not item.deputy_id:
        roles.discard("deputy")
    actor = {"kind": "user", "user_id": item.user_id, "roles": sorted(roles)}
    if item.deputy_id and "deputy" in roles:
        actor["deputy_id"] = item.deputy_id
    if item.openid:
        actor["openid"] = item.openid  # stays on the server: msg_sec_check v2 needs it
    if item.linked_user_id:
        actor["linked_user_id"] = item.linked_user_id  # the person's other door
    return actor


def staff_actor(item: StaffItem) -> dict:
    actor = {"kind": "staff", "username": item.username, "role": item.role,
             "region_id": item.region_id}
    if item.unit_id:
        actor["unit_id"] = item.unit_id
    return actor


def end_staff_sessions(username: str) -> bool:
    """Every token and cookie of this staff account stops working at once."""
    return account_writes.end_sessions(keys.staff_pk(username))


def end_user_sessions(user_id: str) -> bool:
    return account_writes.end_sessions(keys.user_pk(user_id))
