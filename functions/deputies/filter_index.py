"""Where a deputy sits in the indexes: the region's list in pinyin order (region_deputies),
and the same order within each level, station and group (deputies_by_level / _station /
_group), so a filtered list reads only the matching deputies, never the whole region's."""
from functions.deputies.name_order import deputy_sort_key
from functions.storage import directory_keys, indexes

# Filter → index use, most selective first: a list filtered by several reads the first.
FILTER_INDEXES = (("station", indexes.deputies_by_station), ("group", indexes.deputies_by_group),
                  ("level", indexes.deputies_by_level))
_TAGS = {"level": "LEVEL", "station": "STATION", "group": "GROUP"}


def filter_key(region_id: str, field: str, value: str) -> str:
    return f"{directory_keys.region_deputies_key(region_id)}#{_TAGS[field]}#{value}"


def index_attributes(*, region_id: str, deputy_id: str, name: str, level: str,
                     station: str | None, group: str | None) -> dict:
    """Every index attribute of a deputy; None where it is in no such index."""
    sort = deputy_sort_key(name, deputy_id)
    attrs = indexes.region_deputies.entry(directory_keys.region_deputies_key(region_id), sort)
    values = {"level": level, "station": station, "group": group}
    for field, use in FILTER_INDEXES:
        attrs.update(use.entry(filter_key(region_id, field, values[field]), sort)
                     if values[field] else indexes.outside(use))
    return attrs


def update_actions(item_class, attrs: dict) -> list:
    """UpdateItem actions that make an item's index attributes `attrs`."""
    return [getattr(item_class, k).set(v) if v is not None else getattr(item_class, k).remove()
            for k, v in attrs.items()]
