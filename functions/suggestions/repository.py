"""Suggestions in the single table: one item each, written whole under its version.

The index attributes follow from the suggestion's state (placement.py), so the office's
queue, the public list and the reminder sweep's `due` index always match its status.
"""
import zlib

from pynamodb.exceptions import DoesNotExist, PutError

from functions.shared.errors import Conflict, NotFound
from functions.storage import indexes, keys, suggestion_keys
from functions.storage.conditions import is_condition_failure
from functions.suggestions import placement
from functions.suggestions.items import SuggestionItem
from functions.suggestions.machine import SUGGESTIONS
from functions.cases.reminder_rules import pending_reminders
from functions.notifications.outbox_entries import stamp_new


def get(suggestion_id: str) -> dict:
    if not keys.plausible_id(suggestion_id):
        raise NotFound("suggestion not found")
    try:
        item = SuggestionItem.get(suggestion_keys.suggestion_pk(suggestion_id), keys.META,
                                  consistent_read=True)
    except DoesNotExist:
        raise NotFound(f"suggestion {suggestion_id} not found") from None
    return from_item(item)


def create(suggestion: dict) -> dict | None:
    """Write a new suggestion; None if one with this id exists (a retried create)."""
    item = to_item(suggestion)
    try:
        item.save(condition=SuggestionItem.pk.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            return None
        raise
    return from_item(item)


def save(suggestion: dict) -> dict:
    """Replace the suggestion if nobody changed it since it was read; Conflict otherwise."""
    item = to_item(suggestion)
    try:
        item.save()
    except PutError as exc:
        if is_condition_failure(exc):
            raise Conflict("the suggestion was changed by someone else; reload and retry"
                           ) from None
        raise
    return from_item(item)


def from_item(item: SuggestionItem) -> dict:
    return {**(item.record or {}), "id": item.suggestion_id, "status": item.status,
            "version": item.version}


def to_item(suggestion: dict) -> SuggestionItem:
    record = {k: v for k, v in suggestion.items() if k not in ("id", "status", "version")}
    if record.get("outbox"):  # new entries leased to the deliverer of the version written
        record["outbox"] = stamp_new(record["outbox"], (suggestion.get("version") or 0) + 1)
    item = SuggestionItem(pk=suggestion_keys.suggestion_pk(suggestion["id"]), sk=keys.META,
                          suggestion_id=suggestion["id"], status=suggestion["status"],
                          record=record)
    if suggestion.get("version") is not None:
        item.version = suggestion["version"]
    for attr, value in index_attributes(suggestion).items():
        setattr(item, attr, value)
    return item


def next_reminder_at(deadlines: dict | None, reminded) -> str | None:
    """When the reminder sweep next has something to do for it (the same rules as cases)."""
    return min((r["at"] for r in pending_reminders(deadlines or {}, reminded or [])),
               default=None)


def shard_of(suggestion_id: str) -> int:
    return zlib.crc32(suggestion_id.encode()) % keys.SWEEP_SHARDS


def index_attributes(suggestion: dict) -> dict:
    """The index attributes the suggestion carries now (None = not in that index)."""
    status, created, sid = suggestion["status"], suggestion["created_at"], suggestion["id"]
    attrs = indexes.outside(*indexes.SUGGESTION_USES)
    attrs.update(indexes.region_suggestions.entry(
        suggestion_keys.region_suggestions_key(suggestion["region_id"]), f"{created}#{sid}"))
    if placement.waits_on_office(suggestion):
        attrs.update(indexes.office_suggestions.entry(
            suggestion_keys.office_suggestions_key(suggestion["region_id"]),
            f"{status}#{created}#{sid}"))
    if suggestion.get("key") and placement.is_public(suggestion):
        attrs.update(indexes.key_suggestions.entry(
            suggestion_keys.key_suggestions_key(suggestion["region_id"]), f"{created}#{sid}"))
    if placement.is_public(suggestion) and suggestion.get("number"):
        attrs.update(indexes.public_suggestions.entry(suggestion_keys.public_suggestions_key(
            suggestion["region_id"], placement.year_of(suggestion)),
            f"{int(suggestion['seq']):08d}"))
    next_due = (next_reminder_at(suggestion.get("deadlines"), suggestion.get("reminded"))
                if status in SUGGESTIONS.open_statuses else None)
    if next_due:
        attrs.update(indexes.due.entry(keys.due_key(shard_of(sid)), f"{next_due}#{sid}"))
    if suggestion.get("outbox"):  # the notify drain's, as for cases
        oldest = min(entry.get("next_at", entry["at"]) for entry in suggestion["outbox"])
        attrs.update(indexes.outbox.entry(keys.outbox_key(shard_of(sid)), f"{oldest}#{sid}"))
    return attrs


def office_query(region_id: str, status: str | None):
    def query(**kwargs):
        condition = (indexes.office_suggestions.sort_key(SuggestionItem).startswith(
            f"{status}#") if status else None)
        return indexes.office_suggestions.query(
            SuggestionItem, suggestion_keys.office_suggestions_key(region_id),
            range_key_condition=condition, **kwargs)
    return query


def public_query(region_id: str, year: int):
    def query(**kwargs):
        return indexes.public_suggestions.query(
            SuggestionItem, suggestion_keys.public_suggestions_key(region_id, year), **kwargs)
    return query


def key_suggestions(region_id: str):
    """The region's key suggestions, newest first (one paged Query on key_suggestions)."""
    for item in indexes.key_suggestions.query(SuggestionItem,
                                              suggestion_keys.key_suggestions_key(region_id),
                                              scan_index_forward=False):
        yield from_item(item)


def region_suggestions(region_id: str):
    """Every suggestion of a region, oldest first (one paged Query)."""
    for item in indexes.region_suggestions.query(SuggestionItem,
                                                 suggestion_keys.region_suggestions_key(region_id)):
        yield from_item(item)
