"""Who an outbox entry's audience is, as people with a WeChat openid and/or a phone."""
from dataclasses import dataclass

from pynamodb.exceptions import DoesNotExist

from functions.identity import users
from functions.storage import indexes, keys
from functions.storage.models import DeputyItem, StaffItem


@dataclass(frozen=True)
class Recipient:
    key: str  # stable: part of the notification record id
    user_id: str | None  # whose subscription credits a WeChat send spends
    openid: str | None
    phone: str | None
    sms: bool  # deputies and staff get SMS; citizens only WeChat


def resolve(case: dict, audience: str) -> list[Recipient]:
    if audience == "citizen":
        user = users.get_user_item(case["owner_id"])
        if user is None:
            return []
        return [Recipient(f"user:{user.user_id}", user.user_id, user.openid, None, False)]
    if audience == "deputy" and case.get("deputy_id"):
        try:
            deputy = DeputyItem.get(keys.deputy_pk(case["deputy_id"]), keys.META)
        except DoesNotExist:
            return []
        if not deputy.active:
            return []
        return [Recipient(f"deputy:{deputy.deputy_id}", deputy.bound_user_id, deputy.openid,
                          deputy.phone, True)]
    if audience == "unit" and case.get("unit_id"):
        unit_ids = [case["unit_id"], *(case.get("co_unit_ids") or [])]
        return [r for u in unit_ids for r in _staff(keys.unit_staff_key(u))]
    if audience in ("office", "deputy"):  # a case without a deputy is the office's
        return _staff(keys.office_staff_key(case["region_id"]))
    return []


def _staff(index_key: str) -> list[Recipient]:
    return [Recipient(f"staff:{s.username}", None, s.openid, s.phone, True)
            for s in indexes.staff_to_notify.query(StaffItem, index_key) if s.active and s.phone]
