"""Admin manages the region's staff accounts and handling units.

Every account carries the region_staff index `REGION#<rid>#STAFF` / username from its
creation, so the region's list is one Query.
"""
from pynamodb.exceptions import DoesNotExist, UpdateError

from functions.org import units
from functions.identity.access import require_staff
from functions.shared.errors import Conflict, Forbidden, NotFound, ValidationFailed
from functions.identity.passwords import hash_password
from functions.identity.principals import end_staff_sessions
from functions.storage import directory_keys, indexes, keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import StaffItem


def _view(item: StaffItem) -> dict:
    return {"username": item.username, "role": item.role, "unit_id": item.unit_id,
            "active": item.active, "created_at": item.created_at}


def list_accounts(*, actor: dict) -> list[dict]:
    actor = require_staff(actor, "admin")
    return [_view(item) for item in
            indexes.region_staff.query(StaffItem,
                                       directory_keys.region_staff_key(actor["region_id"]))]


def _account(actor: dict, username: str) -> StaffItem:
    actor = require_staff(actor, "admin")
    try:
        item = StaffItem.get(keys.staff_pk(username), keys.META)
    except DoesNotExist:
        raise NotFound("no such account") from None
    if item.region_id != actor["region_id"]:
        raise Forbidden("this account belongs to another region")
    return item


def account(*, actor: dict, username: str) -> dict:
    """One account of the admin's region (no hash, no phone)."""
    from functions.identity.staff_accounts import account_view
    return account_view(_account(actor, username))


def _update(item, actions):
    try:
        item.update(actions=actions)
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise Conflict("the account was changed meanwhile; reload and retry") from None
        raise


def set_account_active(*, actor: dict, username: str, active: bool) -> None:
    """Lock or unlock an account; locking ends every session of it at once."""
    if username.lower() == actor.get("username", "").lower() and not active:
        # Not a malformed request but a step this caller may not take on this account.
        raise Forbidden("you cannot lock yourself out", {"username": "self"})
    item = _account(actor, username)
    _update(item, [StaffItem.active.set(bool(active))])
    if not active:
        end_staff_sessions(item.username)


def reset_password(*, actor: dict, username: str, password) -> None:
    if not isinstance(password, str) or not 8 <= len(password) <= 256:
        raise ValidationFailed("invalid password", {"password": "at least 8 characters"})
    item = _account(actor, username)
    _update(item, [StaffItem.password_hash.set(hash_password(password)),
                   StaffItem.failed_logins.set(0), StaffItem.locked_until.remove()])
    end_staff_sessions(item.username)  # whoever knew the old password is out


def list_units(*, actor: dict) -> list[dict]:
    actor = require_staff(actor, "admin", "office")
    return units.list_units(region_id=actor["region_id"])


def set_unit_active(*, actor: dict, unit_id: str, active: bool) -> None:
    actor = require_staff(actor, "admin")
    item = units.get_unit_item(unit_id)
    if item.region_id != actor["region_id"]:
        raise Forbidden("this unit belongs to another region")
    units.set_active(item, active)
