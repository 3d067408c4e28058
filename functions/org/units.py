"""Handling units (承办单位) of a region."""
from datetime import datetime

from pynamodb.exceptions import DoesNotExist

from functions.shared.clock import iso, now as clock_now
from functions.shared.errors import NotFound, ValidationFailed
from functions.shared.ids import new_id
from functions.storage import directory_keys, indexes, keys
from functions.storage.models import UnitItem


def create_unit(*, name: str, region_id: str, unit_id: str | None = None,
                now: datetime | None = None) -> dict:
    """A new unit, stamped `now` (the one clock's time if not given)."""
    name = name.strip() if isinstance(name, str) else ""
    if not name or len(name) > 60:
        raise ValidationFailed("invalid unit", {"name": "required, at most 60 characters"})
    unit_id = unit_id or new_id("u")
    item = UnitItem(pk=keys.unit_pk(unit_id), sk=keys.META, unit_id=unit_id, name=name,
                    region_id=region_id, created_at=iso(now or clock_now()),
                    **indexes.region_units.entry(directory_keys.region_units_key(region_id), name))
    item.save(condition=UnitItem.pk.does_not_exist())
    return unit_view(item)


def get_unit_item(unit_id: str) -> UnitItem:
    try:
        return UnitItem.get(keys.unit_pk(unit_id), keys.META)
    except DoesNotExist:
        raise NotFound(f"unit {unit_id} not found") from None


def list_units(*, region_id: str) -> list[dict]:
    scope = directory_keys.region_units_key(region_id)
    return [unit_view(u) for u in indexes.region_units.query(UnitItem, scope)]


def unit_view(item: UnitItem) -> dict:
    return {"id": item.unit_id, "name": item.name, "region_id": item.region_id,
            "active": item.active}


def find_units(unit_ids: list[str]) -> list[UnitItem]:
    """The units that exist among `unit_ids`, in one batch read."""
    wanted = [(keys.unit_pk(u), keys.META) for u in dict.fromkeys(unit_ids)
              if keys.plausible_id(u)]
    return [item for item in UnitItem.batch_get(wanted) if isinstance(item, UnitItem)]


def set_active(item: UnitItem, active: bool) -> None:
    """(De)activate a unit: an inactive one takes no new assignments."""
    item.update(actions=[UnitItem.active.set(bool(active))])
