"""Where a deputy sits in the indexes: the region's list in pinyin order (gsi1), and the
same order within each level (gsi2), station (gsi3) and group (gsi4), so a filtered list
reads only the matching deputies, never the whole region's partition."""
from functions.deputies.name_order import deputy_sort_key
from functions.storage import keys

# Filter → index, most selective first: a list filtered by several reads the first.
FILTER_INDEXES = (("station", "gsi3"), ("group", "gsi4"), ("level", "gsi2"))
_TAGS = {"level": "LEVEL", "station": "STATION", "group": "GROUP"}


def filter_key(region_id: str, field: str, value: str) -> str:
    return f"{keys.region_deputies_key(region_id)}#{_TAGS[field]}#{value}"


def index_attributes(*, region_id: str, deputy_id: str, name: str, level: str,
                     station: str | None, group: str | None) -> dict:
    """Every index attribute of a deputy; None where it is in no such index."""
    sort = deputy_sort_key(name, deputy_id)
    attrs = {"gsi1pk": keys.region_deputies_key(region_id), "gsi1sk": sort}
    values = {"level": level, "station": station, "group": group}
    for field, index in FILTER_INDEXES:
        present = bool(values[field])
        attrs[f"{index}pk"] = filter_key(region_id, field, values[field]) if present else None
        attrs[f"{index}sk"] = sort if present else None
    return attrs


def update_actions(item_class, attrs: dict) -> list:
    """UpdateItem actions that make an item's index attributes `attrs`."""
    return [getattr(item_class, k).set(v) if v is not None else getattr(item_class, k).remove()
            for k, v in attrs.items()]
