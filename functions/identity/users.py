"""Citizen and deputy identities (WeChat openid, or a verified phone in H5).

A user's id is derived from its outside identity, so finding the user of an openid
(login, WeChat push events) is one GetItem and never a lookup table.
"""
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, PutError

from functions.shared.clock import iso, now as clock_now
from functions.shared.ids import derived_id
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import UserItem


def wechat_user_id(openid: str) -> str:
    return "w" + derived_id("wechat", openid)[:19]


def phone_user_id(phone: str) -> str:
    return "p" + derived_id("phone", phone)[:19]


def get_user_item(user_id: str) -> UserItem | None:
    try:
        return UserItem.get(keys.user_pk(user_id), keys.META)
    except DoesNotExist:
        return None


def find_or_create(*, user_id: str, openid: str | None = None,
                   phone: str | None = None, now: datetime | None = None) -> UserItem:
    """The user with this id, created on first sight; safe when two logins race."""
    item = get_user_item(user_id)
    if item is not None:
        return item
    item = UserItem(pk=keys.user_pk(user_id), sk=keys.META, user_id=user_id, openid=openid,
                    phone=phone, roles={"citizen"}, created_at=iso(now or clock_now()))
    try:
        item.save(condition=UserItem.pk.does_not_exist())
    except PutError as exc:
        if not is_condition_failure(exc):
            raise
        return get_user_item(user_id)
    return item


def owner_ids(actor: dict) -> list[str]:
    """The user ids whose cases are this user's own: the user and its other door, if any."""
    linked = actor.get("linked_user_id")
    return [actor["user_id"], linked] if linked else [actor["user_id"]]


def user_view(item: UserItem) -> dict:
    """The user as shown to that user alone (the whole phone: to nobody else)."""
    view = {"id": item.user_id, "roles": sorted(item.roles or {"citizen"})}
    if item.deputy_id:
        view["deputy_id"] = item.deputy_id
    if item.phone:
        view["phone"] = item.phone
    view["linked"] = bool(item.linked_user_id)
    return view
