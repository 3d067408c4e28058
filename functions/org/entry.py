"""Opening an entry code: what the mini-program or H5 page shows after a scan."""
from pynamodb.exceptions import DoesNotExist

from functions.shared.errors import NotFound
from functions.org.regions import cached_region, categories_of
from functions.storage import keys, prefetch
from functions.storage.models import EntryItem


def get_entry_item(entry_code: str) -> EntryItem:
    code = (entry_code or "").strip().upper()
    if not code or len(code) > 32 or not code.isalnum():
        raise NotFound("no such entry code")
    read_ahead, item = prefetch.take(keys.entry_pk(code))
    if not read_ahead:
        try:
            item = EntryItem.get(keys.entry_pk(code), keys.META)
        except DoesNotExist:
            item = None
    if not isinstance(item, EntryItem):
        raise NotFound("no such entry code")
    if item.active is False:
        raise NotFound("this entry code is no longer in use; please contact the congress office")
    return item


def open_entry(*, entry_code: str) -> dict:
    entry = get_entry_item(entry_code)
    region = cached_region(entry.region_id)
    view = {"kind": entry.kind, "entry_code": entry.entry_code,
            "region": {"id": region.region_id, "name": region.name},
            "categories": categories_of(region)}
    if entry.kind == "deputy" and entry.card:
        card = entry.card
        view["deputy"] = {"id": card["id"], "name": card["name"], "level": card["level"],
                          "station": card.get("station")}
    return view
