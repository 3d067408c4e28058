"""Whom a unit's or the office's notices reach: its active accounts with a phone.

Apart from staff_accounts so that the notify drain's cold start does not load the password
hasher.
"""
from functions.storage import indexes, keys
from functions.storage.models import StaffItem


def to_notify(*, unit_id: str | None = None, region_id: str | None = None) -> list[dict]:
    """Active accounts with a phone that a unit's (or else the region office's) notices reach."""
    scope = keys.unit_staff_key(unit_id) if unit_id else keys.office_staff_key(region_id)
    return [{"username": s.username, "openid": s.openid, "phone": s.phone, "role": s.role}
            for s in indexes.staff_to_notify.query(StaffItem, scope) if s.active and s.phone]
