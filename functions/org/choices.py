"""What the office and admin choose from: the region's units and deputies, paged, each list
one Query on the region's own index (units by name, deputies in pinyin order)."""
from functions.deputies.admin import region_query
from functions.identity.access import require_staff
from functions.org.categories import DEPUTY_LEVELS
from functions.shared.errors import ValidationFailed
from functions.shared.pagination import page
from functions.storage import directory_keys, indexes
from functions.storage.models import UnitItem


def unit_choices(*, actor: dict, limit=None, cursor=None) -> dict:
    """The caller's region's units by name: id, name, whether it takes assignments."""
    actor = require_staff(actor, "office", "admin")
    scope = directory_keys.region_units_key(actor["region_id"])

    def query(**kwargs):
        return indexes.region_units.query(UnitItem, scope, **kwargs)
    return page(query, scope=scope, limit=limit, cursor=cursor,
                view=lambda u: {"id": u.unit_id, "name": u.name, "active": u.active})


def deputy_choices(*, actor: dict, name=None, level=None, station=None, limit=None,
                   cursor=None) -> dict:
    """The caller's region's deputies in pinyin order, narrowed by name / level / station:
    id, name, level, station; the phone for the office alone."""
    actor = require_staff(actor, "office", "admin")
    if level and level not in DEPUTY_LEVELS:
        raise ValidationFailed("invalid level", {"level": f"one of {', '.join(DEPUTY_LEVELS)}"})
    for field, value in (("name", name), ("station", station)):
        if value is not None and (not isinstance(value, str) or len(value) > 40):
            raise ValidationFailed(f"invalid {field}", {field: "at most 40 characters"})
    query, scope = region_query(actor["region_id"], name, level, None, station, None)
    with_phone = actor["role"] == "office"

    def view(item):
        row = {"id": item.deputy_id, "name": item.name, "level": item.level,
               "station": item.station, "active": item.active}
        if with_phone:
            row["phone"] = item.phone
        return row
    return page(query, scope=f"choices|{scope}", limit=limit, cursor=cursor, view=view)
