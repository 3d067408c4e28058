"""Office and admin manage their region's deputies: list, edit, (de)activate, new bind code.

Every change is one conditional write guarded by the deputy's version, so two staff
editing the same deputy cannot silently overwrite each other.
"""
from pynamodb.exceptions import UpdateError

from functions import deputies
from functions.deputies import identity as deputy_identity
from functions.shared.clock import iso, now as clock_now
from functions.identity.access import require_staff
from functions.org.categories import DEPUTY_LEVELS
from functions.shared.errors import Conflict, Forbidden, ValidationFailed
from functions.shared.person_identity import normal_name, normal_phone
from functions.shared.validation import choice_problem, phone_problem, text_problem
from functions.deputies import filter_index as deputy_index
from functions.deputies.name_order import pinyin_key
from functions.shared.pagination import page
from functions.storage import directory_keys, indexes, keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import BindCodeItem, DeputyItem, EntryItem

def region_query(region_id: str, name, level, group, station, active):
    """A Query of the region's deputies in pinyin order, on the index of the most selective
    filter given; `name` (characters or pinyin) narrows the sort key to its pinyin prefix,
    then to names that start with it."""
    wanted = {"level": level or None, "group": group or None, "station": station or None}
    field, use = next(((f, u) for f, u in deputy_index.FILTER_INDEXES if wanted[f]),
                      (None, indexes.region_deputies))
    scope = deputy_index.filter_key(region_id, field, wanted[field]) if field \
        else directory_keys.region_deputies_key(region_id)
    sort_attr = use.sort_key(DeputyItem)
    name = normal_name(name or "")
    condition = sort_attr.startswith(pinyin_key(name)) if name else None
    clauses = [DeputyItem.name.startswith(name)] if name and not name.isascii() else []
    clauses += [attr == wanted[f] for f, attr in (("level", DeputyItem.level),
                ("group", DeputyItem.group), ("station", DeputyItem.station))
                if wanted[f] and f != field]
    if active in (True, False):
        clauses.append(DeputyItem.active == active)
    filters = None
    for clause in clauses:
        filters = clause if filters is None else filters & clause

    def query(**kwargs):
        return use.query(DeputyItem, scope, range_key_condition=condition,
                         filter_condition=filters, **kwargs)
    return query, "|".join(map(str, (scope, name, level, group, station, active)))


def list_deputies(*, actor: dict, name=None, level=None, group=None, station=None,
                  active=None, limit=None, cursor=None) -> dict:
    """One page of the region's deputies, filtered."""
    actor = require_staff(actor, "admin", "office")
    query, scope = region_query(actor["region_id"], name, level, group, station, active)
    return page(query, scope=scope, limit=limit, cursor=cursor,
                view=lambda item: deputies.deputy_view(item))


def all_deputies(*, actor: dict, name=None, level=None, group=None, station=None,
                 active=None) -> list[dict]:
    """Every matching deputy of the region (for the Excel export and the QR sheet)."""
    actor = require_staff(actor, "admin", "office")
    query, _ = region_query(actor["region_id"], name, level, group, station, active)
    return [deputies.deputy_view(item) for item in query(page_size=100)]


def get_deputy(*, actor: dict, deputy_id: str) -> DeputyItem:
    actor = require_staff(actor, "admin", "office")
    item = deputies.get_deputy_item(deputy_id)
    if item.region_id != actor["region_id"]:
        raise Forbidden("this deputy belongs to another region")
    return item


def _check_version(item: DeputyItem, version) -> None:
    if version is not None and str(item.version) != str(version):
        raise Conflict("the deputy was changed by someone else; reload and retry")


def _update(item: DeputyItem, actions: list) -> None:
    try:
        item.update(actions=actions)  # conditioned on the version we read
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise Conflict("the deputy was changed by someone else; reload and retry") \
                from None
        raise


def edit_deputy(*, actor: dict, deputy_id: str, body: dict, version=None) -> dict:
    item = get_deputy(actor=actor, deputy_id=deputy_id)
    _check_version(item, version)
    name, phone = normal_name(body.get("name") or ""), normal_phone(body.get("phone") or "")
    station = (body.get("station") or "").strip() or None
    group = (body.get("group") or "").strip() or None
    problems = {k: v for k, v in {
        "name": text_problem(name, field_max=20), "phone": phone_problem(phone),
        "level": choice_problem(body.get("level"), DEPUTY_LEVELS),
        "station": text_problem(station, field_max=40, required=False),
        "group": text_problem(group, field_max=40, required=False)}.items() if v}
    if problems:
        raise ValidationFailed("invalid deputy", problems)
    old = {"region_id": item.region_id, "name": item.name, "phone": item.phone,
           "deputy_id": item.deputy_id}
    new = {**old, "name": name, "phone": phone}
    moved = new != old
    if moved:  # the new name/phone first: it may be another deputy's already
        deputy_identity.claim(**new, view=deputies.deputy_view)
    try:
        placed = deputy_index.index_attributes(
            region_id=item.region_id, deputy_id=item.deputy_id, name=name,
            level=body["level"], station=station, group=group)
        _update(item, [DeputyItem.name.set(name), DeputyItem.phone.set(phone),
                       *deputy_index.update_actions(DeputyItem, placed),
                       DeputyItem.level.set(body["level"]),
                       DeputyItem.station.set(station) if station else DeputyItem.station.remove(),
                       DeputyItem.group.set(group) if group else DeputyItem.group.remove()])
    except Conflict:
        if moved:
            deputy_identity.release(**new)
        raise
    if moved:
        deputy_identity.release(**old)
    # The entry's denormalised card follows; a crash here leaves only a stale card
    # on the scan page, which the next edit rewrites.
    card = {"id": item.deputy_id, "name": name, "level": body["level"], "station": station}
    EntryItem(pk=keys.entry_pk(item.entry_code), sk=keys.META).update(
        actions=[EntryItem.card.set(card)])
    return deputies.deputy_view(item, with_codes=True)


def set_active(*, actor: dict, deputy_id: str, active: bool, version=None) -> dict:
    """Switch a deputy on or off. Off: its WeChat user loses the role first (at once, and
    a crash between the writes leaves nobody with it), then the deputy is unbound."""
    item = get_deputy(actor=actor, deputy_id=deputy_id)
    _check_version(item, version)
    if active:
        _update(item, [DeputyItem.active.set(True)])
    else:
        if item.bound_user_id:
            from functions.identity.binding import take_role
            take_role(user_id=item.bound_user_id, deputy_id=item.deputy_id)
        _update(item, [DeputyItem.active.set(False), DeputyItem.bound_user_id.remove(),
                       DeputyItem.openid.remove()])
    # The entry code answers scans without reading the deputy, so it carries the flag too.
    EntryItem(pk=keys.entry_pk(item.entry_code), sk=keys.META).update(
        actions=[EntryItem.active.set(bool(active))])
    return deputies.deputy_view(item)


def new_bind_code(*, actor: dict, deputy_id: str, version=None) -> str:
    """Replace the deputy's one-time bind code: new code, deputy, then old code removed."""
    item = get_deputy(actor=actor, deputy_id=deputy_id)
    _check_version(item, version)
    old = item.bind_code
    # Whoever binds with the new code takes the role from the user holding it now.
    code = deputies._claim(lambda c: BindCodeItem(
        pk=keys.bind_pk(c), sk=keys.META, bind_code=c, deputy_id=item.deputy_id,
        created_at=iso(clock_now()), previous_user_id=item.bound_user_id,
        expires_at=clock_now() + deputies.BIND_CODE_LIFETIME))
    try:
        _update(item, [DeputyItem.bind_code.set(code)])
    except Conflict:
        BindCodeItem(pk=keys.bind_pk(code), sk=keys.META).delete()
        raise
    if old:
        # Deleting a code that is already gone is no error in DynamoDB: nothing to catch.
        BindCodeItem(pk=keys.bind_pk(old), sk=keys.META).delete()
    return code
