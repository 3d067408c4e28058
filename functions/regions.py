"""Regions (county → towns) with their categories and time limits."""
from functions.clock import iso, now as clock_now
from functions.domain.categories import DEFAULT_CATEGORIES
from functions.domain.deadlines import TimeLimits
from functions.domain.errors import NotFound
from functions.storage import keys
from functions.storage.models import RegionItem
from pynamodb.exceptions import DoesNotExist


def create_region(*, region_id: str, name: str, towns: list[dict] | None = None,
                  parent_id: str | None = None) -> dict:
    item = RegionItem(pk=keys.region_pk(region_id), sk=keys.META, region_id=region_id,
                      name=name, parent_id=parent_id, towns=towns or [],
                      categories=[dict(c) for c in DEFAULT_CATEGORIES],
                      time_limits=TimeLimits().to_dict())
    item.save(condition=RegionItem.pk.does_not_exist())
    return region_view(item)


def get_region_item(region_id: str) -> RegionItem:
    try:
        return RegionItem.get(keys.region_pk(region_id), keys.META)
    except DoesNotExist:
        raise NotFound(f"region {region_id} not found") from None


def region_view(item: RegionItem) -> dict:
    return {"id": item.region_id, "name": item.name, "parent_id": item.parent_id,
            "towns": list(item.towns or []), "categories": categories_of(item),
            "time_limits": limits_of(item).to_dict()}


def categories_of(item: RegionItem) -> list[dict]:
    return [{"id": c["id"], "name": c["name"]} for c in (item.categories or DEFAULT_CATEGORIES)]


def limits_of(item: RegionItem) -> TimeLimits:
    return TimeLimits.from_dict(item.time_limits)


def stamp() -> str:
    return iso(clock_now())
