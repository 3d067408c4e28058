"""Liaison stations' own entry codes: a QR posted at a station reaches the office directly.

A case submitted through a station code has no deputy, so it lands in the office queue
(see access.roles_on). Stations of a region are listed on region_entries `REGION#<rid>#ENTRIES`.
"""
from functions import deputies
from functions.identity.access import require_staff
from functions.shared.errors import Conflict, Forbidden, ValidationFailed
from functions.shared.validation import text_problem
from functions.org.entry import get_entry_item
from functions.storage import directory_keys, indexes, keys
from functions.storage.models import EntryItem


def _view(item: EntryItem) -> dict:
    return {"entry_code": item.entry_code, "name": (item.card or {}).get("station"),
            "region_id": item.region_id}


def list_stations(*, actor: dict) -> list[dict]:
    actor = require_staff(actor, "admin", "office")
    query = indexes.region_entries.query(EntryItem,
                                         directory_keys.region_entries_key(actor["region_id"]))
    return [_view(item) for item in query if item.kind == "station"]


def add_station(*, actor: dict, name: str) -> dict:
    """A new station entry code; one per station name within the region."""
    actor = require_staff(actor, "admin", "office")
    name = (name or "").strip()
    problem = text_problem(name, field_max=40)
    if problem:
        raise ValidationFailed("invalid station", {"station": problem})
    scope = directory_keys.region_entries_key(actor["region_id"])
    if any(True for _ in indexes.region_entries.query(
            EntryItem, scope, indexes.region_entries.sort_key(EntryItem) == name, limit=1)):
        raise Conflict("this station already has a code", {"station": "taken"})
    code = deputies._claim(lambda c: EntryItem(
        pk=keys.entry_pk(c), sk=keys.META, entry_code=c, kind="station",
        region_id=actor["region_id"], card={"station": name},
        **indexes.region_entries.entry(scope, name)))
    return {"entry_code": code, "name": name, "region_id": actor["region_id"]}


def get_station(*, actor: dict, entry_code: str) -> dict:
    actor = require_staff(actor, "admin", "office")
    item = get_entry_item(entry_code)
    if item.kind != "station" or item.region_id != actor["region_id"]:
        raise Forbidden("not a station of your region")
    return _view(item)
