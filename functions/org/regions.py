"""Regions (county → towns) with their categories and time limits."""
from functions.shared.clock import iso, now as clock_now
from functions.org.categories import DEFAULT_CATEGORIES
from functions.cases.deadlines import TimeLimits
from functions.shared.errors import NotFound, ValidationFailed
from functions.shared.timed_cache import TimedCache
from functions.storage import indexes, keys
from functions.storage.models import BaseItem, RegionItem
from pynamodb.exceptions import DoesNotExist


def create_region(*, region_id: str, name: str, towns: list[dict] | None = None,
                  parent_id: str | None = None) -> dict:
    item = RegionItem(pk=keys.region_pk(region_id), sk=keys.META, region_id=region_id,
                      name=name, parent_id=parent_id, towns=towns or [],
                      categories=[dict(c) for c in DEFAULT_CATEGORIES],
                      time_limits=TimeLimits().to_dict(),
                      **indexes.regions.entry(keys.ALL_REGIONS, region_id))
    item.save(condition=RegionItem.pk.does_not_exist())
    return region_view(item)


def get_region_item(region_id: str) -> RegionItem:
    if not keys.plausible_id(region_id):
        raise NotFound("region not found")
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


# A scan or a submission reads the region for its categories and limits; these change
# rarely, so each process keeps them a minute instead of reading them on every request.
# An edit made through this process drops its copy at once (region_settings); other
# processes see it within CACHE_SECONDS. Timed by the one clock, so tests can move it.
CACHE_SECONDS = 60
_kept = TimedCache(CACHE_SECONDS)


def existing_region_id(region_id) -> str:
    """The id of an existing region; ValidationFailed naming `region_id` otherwise."""
    try:
        if not isinstance(region_id, str) or len(region_id) > 64:
            raise NotFound("region not found")
        return cached_region(region_id).region_id
    except NotFound:
        raise ValidationFailed("unknown region", {"region_id": "no such region"}) from None


def cached_region(region_id: str) -> RegionItem:
    """The region, kept briefly; read in one call with the official calendar entries,
    which a submission needs next for its deadlines."""
    hit, read_at = _kept.get(region_id), _kept.now()
    if hit is not None:
        return hit
    if not keys.plausible_id(region_id):
        raise NotFound("region not found")
    from functions.org import calendar as official_calendar
    wanted = [(keys.region_pk(region_id), keys.META), (keys.OFFICIAL_CALENDAR, keys.META)]
    found = {item.pk: item for item in BaseItem.batch_get(wanted)}
    official_calendar.remember(found.get(keys.OFFICIAL_CALENDAR))
    item = found.get(keys.region_pk(region_id))
    if not isinstance(item, RegionItem):
        raise NotFound(f"region {region_id} not found")
    return _kept.put(region_id, item, at=read_at)


def forget_cached(region_id: str | None = None) -> None:
    _kept.forget(region_id)
    if region_id is None:
        from functions.org import calendar as official_calendar
        official_calendar.forget_cached()


MAX_LISTED_REGIONS = 200


def list_regions(limit: int = MAX_LISTED_REGIONS) -> list[dict]:
    """Every region's id and name, by id (the landing page's choice of public lists)."""
    return [{"id": item.region_id, "name": item.name}
            for item in indexes.regions.query(RegionItem, keys.ALL_REGIONS, limit=limit)]


def all_region_ids() -> list[str]:
    """Every region (one Query on the regions index), for the nightly jobs."""
    return [item.region_id for item in indexes.regions.query(RegionItem, keys.ALL_REGIONS)]
