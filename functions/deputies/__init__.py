"""Deputies: registration by the office, entry codes and one-time bind codes."""
from datetime import datetime, timedelta

from pynamodb.exceptions import DoesNotExist, PutError

from functions.deputies import identity as deputy_identity
from functions.shared.clock import iso, now as clock_now
from functions.org.categories import DEPUTY_LEVELS
from functions.shared.errors import NotFound, ValidationFailed
from functions.shared.validation import choice_problem, phone_problem, text_problem
from functions.shared.person_identity import normal_name, normal_phone
from functions.shared.ids import new_id, readable_code
from functions.deputies.filter_index import index_attributes
from functions.storage import directory_keys, indexes, keys
from functions.storage.conditions import is_condition_failure
from functions.storage.account_writes import claim_deputy
from functions.storage.models import BaseItem, BindCodeItem, DeputyItem, EntryItem

# A bind code works for 30 days (functions/deputy_binding.py); the table's TTL removes
# its item, used or not, a day after that.
BIND_CODE_LIFETIME = timedelta(days=31)


def register_deputy(*, name: str, phone: str, region_id: str, level: str,
                    station: str | None = None, group: str | None = None,
                    now: datetime | None = None) -> dict:
    """A new deputy with entry and bind codes; the same name and phone again → Conflict."""
    name, phone = normal_name(name), normal_phone(phone)
    problems = {k: v for k, v in {
        "name": text_problem(name, field_max=20),
        "phone": phone_problem(phone),
        "level": choice_problem(level, DEPUTY_LEVELS),
        "station": text_problem(station, field_max=40, required=False),
        "group": text_problem(group, field_max=40, required=False),
    }.items() if v}
    if problems:
        raise ValidationFailed("invalid deputy", problems)
    deputy_id = new_id("d")
    card = {"id": deputy_id, "name": name, "level": level, "station": station}
    deputy_identity.claim(region_id=region_id, name=name, phone=phone, deputy_id=deputy_id,
                          view=deputy_view)
    # Guard and codes first, deputy last: a crash in between leaves only unreachable
    # codes and a guard the next registration of the same person takes over.
    entry_code = _claim(lambda code: EntryItem(
        pk=keys.entry_pk(code), sk=keys.META, entry_code=code, kind="deputy",
        region_id=region_id, deputy_id=deputy_id, card=card))
    bind_code = _claim(lambda code: BindCodeItem(
        pk=keys.bind_pk(code), sk=keys.META, bind_code=code, deputy_id=deputy_id,
        created_at=iso(clock_now()), expires_at=clock_now() + BIND_CODE_LIFETIME))
    item = DeputyItem(pk=keys.deputy_pk(deputy_id), sk=keys.META, deputy_id=deputy_id,
                      name=name, phone=phone, region_id=region_id,
                      level=level, station=station, group=group, entry_code=entry_code,
                      bind_code=bind_code, created_at=iso(now or clock_now()),
                      **index_attributes(region_id=region_id, deputy_id=deputy_id, name=name,
                                         level=level, station=station, group=group))
    item.save(condition=DeputyItem.pk.does_not_exist())
    return deputy_view(item, with_codes=True)


def _claim(make_item, attempts: int = 5) -> str:
    """Write a new item under a fresh random code; retry on the rare collision."""
    for _ in range(attempts):
        code = readable_code()
        try:
            make_item(code).save(condition=EntryItem.pk.does_not_exist())
            return code
        except PutError as exc:
            if not is_condition_failure(exc):
                raise
    raise RuntimeError("could not find a free code")


def get_deputy_item(deputy_id: str) -> DeputyItem:
    if not keys.plausible_id(deputy_id):
        raise NotFound("deputy not found")
    try:
        return DeputyItem.get(keys.deputy_pk(deputy_id), keys.META)
    except DoesNotExist:
        raise NotFound(f"deputy {deputy_id} not found") from None


def get_deputy_item_with(deputy_id: str, others: list[tuple[str, str]], *,
                         consistent_read: bool = False) -> tuple[DeputyItem, dict]:
    """The deputy and the items at `others` ((pk, sk) keys; {key: item} of those found)
    in one BatchGetItem: what a caller reads beside the deputy costs no call of its own."""
    found_deputies, found = get_deputy_items_with([deputy_id], others,
                                                  consistent_read=consistent_read)
    if deputy_id not in found_deputies:
        raise NotFound(f"deputy {deputy_id} not found")
    return found_deputies[deputy_id], found


def get_deputy_items_with(deputy_ids: list[str], others: list[tuple[str, str]], *,
                          consistent_read: bool = False) -> tuple[dict, dict]:
    """({deputy id: item} of the deputies found, {key: item} of `others` found) in one
    BatchGetItem (pages of 100 keys)."""
    if not all(keys.plausible_id(d) for d in deputy_ids):
        raise NotFound("deputy not found")
    wanted = list(dict.fromkeys((keys.deputy_pk(d), keys.META) for d in deputy_ids))
    found = {(item.pk, item.sk): item for item in BaseItem.batch_get(
        [*wanted, *others], consistent_read=consistent_read)}
    deputies = {}
    for key in wanted:
        item = found.pop(key, None)
        if isinstance(item, DeputyItem):
            deputies[item.deputy_id] = item
    return deputies, found


def deputy_view(item: DeputyItem, *, with_codes: bool = False) -> dict:
    view = {"id": item.deputy_id, "name": item.name, "phone": item.phone,
            "region_id": item.region_id, "level": item.level, "station": item.station,
            "group": item.group, "entry_code": item.entry_code, "active": item.active,
            "bound": bool(item.bound_user_id)}
    if with_codes:
        view["bind_code"] = item.bind_code
    return view


def claim_with_bind_code(*, code: str, user_id: str, openid: str | None) -> str | None:
    """The deputy whose one-time `code` this is, now bound to `user_id`; None if the code is
    unknown or used by someone else (a retry by the same user completes)."""
    try:
        link = BindCodeItem.get(keys.bind_pk(code), keys.META)
    except DoesNotExist:
        return None
    if not claim_deputy(deputy_id=link.deputy_id, bind_code=code, user_id=user_id,
                        openid=openid):
        return None
    return link.deputy_id


def active_count(region_id: str) -> int:
    """How many of the region's deputies are active (one counting Query)."""
    return indexes.region_deputies.index(DeputyItem).count(
        directory_keys.region_deputies_key(region_id),
        filter_condition=DeputyItem.active == True)  # noqa: E712


def active_ids(region_id: str) -> list[str]:
    """The ids of the region's active deputies (one Query, as `active_count` reads)."""
    return sorted(d.deputy_id for d in indexes.region_deputies.query(
        DeputyItem, directory_keys.region_deputies_key(region_id),
        filter_condition=DeputyItem.active == True))  # noqa: E712


def region_deputy_items(region_id: str, **query):
    """The region's deputies by name (one Query on region_deputies)."""
    return indexes.region_deputies.query(DeputyItem, directory_keys.region_deputies_key(region_id),
                                         **query)
