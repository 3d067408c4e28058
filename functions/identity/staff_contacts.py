"""Whom a unit's or the office's notices reach: its active accounts with a phone.

Apart from staff_accounts so that the notify drain's cold start does not load the password
hasher.
"""
from pynamodb.exceptions import DoesNotExist

from functions.storage import directory_keys, indexes, keys
from functions.storage.models import StaffItem


def to_notify(*, unit_id: str | None = None, region_id: str | None = None) -> list[dict]:
    """Active accounts with a phone that a unit's (or else the region office's) notices reach."""
    scope = directory_keys.unit_staff_key(unit_id) if unit_id \
        else directory_keys.office_staff_key(region_id)
    return [{"username": s.username, "openid": s.openid, "phone": s.phone, "role": s.role}
            for s in indexes.staff_to_notify.query(StaffItem, scope) if s.active and s.phone]


def _contact(s: StaffItem) -> dict:
    return {"username": s.username, "openid": s.openid, "phone": s.phone, "role": s.role}


def active_accounts(*, unit_id: str | None = None, region_id: str | None = None) -> list[dict]:
    """Every active account of a unit (or else the region office), with a phone or not
    (duty and project notices may reach them by WeChat alone)."""
    scope = directory_keys.unit_staff_key(unit_id) if unit_id \
        else directory_keys.office_staff_key(region_id)
    return [_contact(s) for s in indexes.staff_to_notify.query(StaffItem, scope) if s.active]


def active_contact(username: str) -> dict | None:
    """An active account's openid and phone by username; None if gone or deactivated."""
    try:
        item = StaffItem.get(keys.staff_pk(username), keys.META)
    except DoesNotExist:
        return None
    return _contact(item) if item.active else None
