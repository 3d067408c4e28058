"""Duty records and the region's duty rules in the one table: GetItem, Query, conditional
writes only (no scans, no transactions)."""
from pynamodb.exceptions import DoesNotExist, PutError, UpdateError

from functions.shared.errors import InvalidTransition, NotFound
from functions.storage import indexes, keys
from functions.storage.conditions import is_condition_failure
from . import rules_cache
from .models import (DutyRecordItem, DutyRulesItem, deputy_records_key, pending_key,
                     record_pk, rules_pk)

_FIELDS = ("deputy_id", "region_id", "deputy_name", "kind", "title", "date", "content",
           "photos", "place", "source", "ref", "via", "cosigner", "status", "points", "reason",
           "created_at", "created_by", "decided_at", "decided_by")


def from_item(item: DutyRecordItem) -> dict:
    record = {"id": item.record_id, "version": item.version}
    for name in _FIELDS:
        record[name] = getattr(item, name)
    if record["points"] is not None:
        record["points"] = int(record["points"])
    return record


def _to_item(record: dict) -> DutyRecordItem:
    values = {n: record[n] for n in _FIELDS if record.get(n) is not None}
    placed = indexes.deputy_records.entry(deputy_records_key(record["deputy_id"]),
                                          f"{record['date']}#{record['id']}")
    if record["status"] == "pending":  # the office's review queue holds only these
        placed.update(indexes.pending_records.entry(pending_key(record["region_id"]),
                                                    f"{record['created_at']}#{record['id']}"))
    return DutyRecordItem(pk=record_pk(record["id"]), sk=keys.META, record_id=record["id"],
                          **values, **placed)


def get(record_id: str) -> dict:
    if not keys.plausible_id(record_id):
        raise NotFound("duty record not found")
    try:
        return from_item(DutyRecordItem.get(record_pk(record_id), keys.META,
                                            consistent_read=True))
    except DoesNotExist:
        raise NotFound(f"duty record {record_id} not found") from None


def find(record_id: str) -> dict | None:
    """The record with this id, or None: one consistent GetItem (a create's retry)."""
    try:
        return get(record_id)
    except NotFound:
        return None


def create(record: dict) -> dict | None:
    """Write a new record; None when one with this id exists (a retry, a repeated event)."""
    item = _to_item(record)
    try:
        item.save(condition=DutyRecordItem.pk.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            return None
        raise
    return from_item(item)


def decide(record: dict, *, status: str, points: int | None, reason: str | None,
           at: str, by: str) -> dict:
    """Verify or reject a pending record: one write conditioned on it still pending."""
    item = _to_item(record)
    item.version = record["version"]
    actions = [DutyRecordItem.status.set(status), DutyRecordItem.decided_at.set(at),
               DutyRecordItem.decided_by.set(by),
               *(getattr(DutyRecordItem, attr).remove()
                 for attr in indexes.outside(indexes.pending_records))]
    if points is not None:
        actions.append(DutyRecordItem.points.set(points))
    if reason:
        actions.append(DutyRecordItem.reason.set(reason))
    try:
        item.update(actions=actions, condition=DutyRecordItem.status == "pending")
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise InvalidTransition("this record was already verified or rejected",
                                    {"status": "not pending"}) from None
        raise
    return from_item(item)


def of_deputy(deputy_id: str, year: str | None = None):
    """The deputy's records by date (of one year), oldest first, as dicts."""
    condition = None
    if year:
        condition = indexes.deputy_records.sort_key(DutyRecordItem).between(
            f"{year}-01-01", f"{year}-12-31~")
    for item in indexes.deputy_records.query(DutyRecordItem, deputy_records_key(deputy_id),
                                             range_key_condition=condition):
        yield from_item(item)


def pending_query(region_id: str):
    """`query(limit=, ...)` over the region's pending records, oldest first."""
    def query(**kwargs):
        return indexes.pending_records.query(DutyRecordItem, pending_key(region_id), **kwargs)
    return query


def region_rules(region_id: str) -> dict:
    """`{points, term_start}` of the region, defaults where it set nothing (read afresh)."""
    try:
        item = DutyRulesItem.get(rules_pk(region_id), keys.META)
    except DoesNotExist:
        item = None
    return rules_cache.rules_of(item)


def save_rules(region_id: str, *, points: dict, term_start: str, at: str) -> None:
    """Replace the region's rules; this process's kept copy goes at once."""
    DutyRulesItem(pk=rules_pk(region_id), sk=keys.META, region_id=region_id, points=points,
                  term_start=term_start, updated_at=at).save()
    rules_cache.forget_cached(region_id)
