"""Cases in the single table: one item each, written whole under its version.

The item's index attributes are derived here from the case's state (placement.py says
whose inbox and queue it is in), so every queue, inbox and sweep index is always
consistent with the status it reflects.
"""
import zlib

from pynamodb.exceptions import DoesNotExist, PutError

from functions.cases import placement, summary
from functions.cases.filter_index import filter_index_attributes
from functions.cases.states import OPEN_STATUSES
from functions.cases.reminder_rules import pending_reminders
from functions.notifications.outbox_entries import stamp_new
from functions.shared.errors import Conflict, NotFound
from functions.storage import indexes, keys, prefetch
from functions.storage.conditions import is_condition_failure
from functions.storage.models import CaseItem

# Plain case fields ↔ item attributes (the API calls it `type`; the item `case_type`).
_FIELDS = ("status", "category", "content", "photos", "location", "contact_phone", "public",
           "published", "public_text",
           "created_at", "updated_at", "entry_code", "deputy_id", "region_id", "owner_id",
           "unit_id", "co_unit_ids", "deadlines", "reminded", "overdue", "rehandle_count",
           "rating", "held_for_review", "timeline", "outbox", "time_limits", "deputy_name",
           "unit_name", "region_name", "resolution", "suggestion_ids",
           "answered_by", "answer_working_days", "extension")


def get(case_id: str) -> dict:
    if not keys.plausible_id(case_id):
        raise NotFound("case not found")
    read_ahead, item = prefetch.take(keys.case_pk(case_id))
    if not read_ahead:
        try:
            item = CaseItem.get(keys.case_pk(case_id), keys.META, consistent_read=True)
        except DoesNotExist:
            item = None
    if not isinstance(item, CaseItem):
        raise NotFound(f"case {case_id} not found")
    return from_item(item)


def create(case: dict) -> dict | None:
    """Write a new case and return it as stored (with its version); None if a case with
    this id already exists (a retried submit)."""
    item = to_item(case)
    try:
        item.save(condition=CaseItem.pk.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            return None
        raise
    return from_item(item)


def save(case: dict) -> dict:
    """Replace the case if nobody changed it since it was read; Conflict otherwise."""
    item = to_item(case)
    try:
        item.save()
    except PutError as exc:
        if is_condition_failure(exc):
            raise Conflict("the case was changed by someone else; reload and retry") from None
        raise
    return from_item(item)


def from_item(item: CaseItem) -> dict:
    case = {"id": item.case_id, "type": item.case_type, "version": item.version}
    for name in _FIELDS:
        case[name] = getattr(item, name)
    return case


def to_item(case: dict) -> CaseItem:
    # New outbox entries are leased to the deliverer of the version this write makes.
    if case.get("outbox"):
        case = {**case, "outbox": stamp_new(case["outbox"], (case.get("version") or 0) + 1)}
    values = {name: case.get(name) for name in _FIELDS if case.get(name) is not None}
    if case.get("version") is not None:
        values["version"] = case["version"]
    item = CaseItem(pk=keys.case_pk(case["id"]), sk=keys.META, case_id=case["id"],
                    case_type=case["type"], **values)
    for attr, value in index_attributes(case).items():
        setattr(item, attr, value)
    item.summary = summary.encode(case)
    return item


def queue_sort_key(case: dict) -> str:
    """`status#created#id`: one status is one key range, each key unique, so lists can
    go newest first from a cursor."""
    return f"{case['status']}#{case['created_at']}#{case['id']}"


def shard_of(case_id: str) -> int:
    return zlib.crc32(case_id.encode()) % keys.SWEEP_SHARDS


def index_attributes(case: dict) -> dict:
    """The index attributes the case carries in its current state (None = not in that index)."""
    status, created = case["status"], case["created_at"]
    by_status = queue_sort_key(case)
    attrs = indexes.outside(*indexes.CASE_USES)
    attrs.update(indexes.by_owner.entry(keys.owner_cases_key(case["owner_id"]), created))
    attrs.update(indexes.region_cases.entry(keys.region_cases_key(case["region_id"]), created))
    attrs.update(filter_index_attributes(case))
    if placement.deputy_of(case):
        inbox = keys.deputy_cases_key(case["deputy_id"])
        attrs.update(indexes.inbox_by_status.entry(inbox, by_status))
        attrs.update(indexes.inbox_newest.entry(inbox, f"{created}#{case['id']}"))
    queue = placement.waiting_on(case)
    if queue:
        queue_key = keys.office_queue_key if queue[0] == "office" else keys.unit_queue_key
        attrs.update(indexes.queue.entry(queue_key(queue[1]), by_status))
    done_at = summary.unit_done_at(case)
    if done_at:
        attrs.update(indexes.unit_done.entry(keys.unit_done_key(case["unit_id"]),
                                             f"{done_at}#{case['id']}"))
    if placement.is_published(case):
        attrs.update(indexes.public.entry(keys.public_cases_key(case["region_id"]), created))
        attrs.update(indexes.public_by_category.entry(
            keys.public_cases_key(case["region_id"], case["category"]), created))
    shard = shard_of(case["id"])
    next_due = next_reminder_at(case) if status in OPEN_STATUSES else None
    if next_due:
        attrs.update(indexes.due.entry(keys.due_key(shard), f"{next_due}#{case['id']}"))
    handling_due = [when for name, when in (case.get("deadlines") or {}).items()
                    if name != "rate"]  # the rating deadline waits on the citizen
    if status in OPEN_STATUSES and handling_due:
        attrs.update(indexes.open_deadline.entry(keys.open_deadlines_key(case["region_id"]),
                                                 f"{min(handling_due)}#{case['id']}"))
    if case.get("outbox"):
        oldest = min(entry.get("next_at", entry["at"]) for entry in case["outbox"])
        attrs.update(indexes.outbox.entry(keys.outbox_key(shard), f"{oldest}#{case['id']}"))
    return attrs


def next_reminder_at(case: dict) -> str | None:
    """When the reminder sweep next has something to do for this case, if ever."""
    pending = pending_reminders(case.get("deadlines") or {}, case.get("reminded") or [])
    return min((r["at"] for r in pending), default=None)


def region_cases(region_id: str):
    """Every case of a region, oldest first, as plain dicts (one paged Query on region_cases)."""
    for item in indexes.region_cases.query(CaseItem, keys.region_cases_key(region_id)):
        yield from_item(item)


def deputy_cases(deputy_id: str):
    """Every case in a deputy's inbox (not one held for review), as plain dicts."""
    for item in indexes.inbox_by_status.query(CaseItem, keys.deputy_cases_key(deputy_id)):
        yield from_item(item)


def region_cases_page(region_id: str, *, limit: int, start: dict | None = None,
                      stale: list | None = None) -> tuple[list[dict], dict | None]:
    """One page of a region's cases, oldest first, from `start` (a last evaluated key), and
    where the next page starts (None at the end): the recount keeps it between runs."""
    items, last = region_items_page(region_id, limit=limit, start=start)
    return [from_item(item) for item in items], last


def region_items_page(region_id: str, *, limit: int, start: dict | None = None
                      ) -> tuple[list[CaseItem], dict | None]:
    """`region_cases_page` as the items (the recount also checks their list rows)."""
    results = indexes.region_cases.query(CaseItem, keys.region_cases_key(region_id),
                                         limit=limit, page_size=limit,
                                         last_evaluated_key=start)
    return list(results), results.last_evaluated_key


def recent_contents(region_id: str, limit: int) -> list[str]:
    """The text of the region's newest `limit` cases, reading only that attribute."""
    query = indexes.region_cases.query(
        CaseItem, keys.region_cases_key(region_id), scan_index_forward=False, limit=limit,
        page_size=min(limit, 100), attributes_to_get=["pk", "sk", "type", "content"])
    return [item.content for item in query if item.content]
