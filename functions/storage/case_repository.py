"""Cases in the single table: one item each, written whole under its version.

The item's index attributes are derived here from the case's state, so every
queue, inbox and sweep index is always consistent with the status it reflects.
"""
import zlib

from pynamodb.exceptions import DoesNotExist, PutError

from functions.domain.case_states import OPEN_STATUSES
from functions.domain.reminders import pending_reminders
from functions.domain.errors import Conflict, NotFound
from . import keys, prefetch
from .conditions import is_condition_failure
from .models import CaseItem

# Plain case fields ↔ item attributes (the API calls it `type`; the item `case_type`).
_FIELDS = ("status", "category", "content", "photos", "location", "contact_phone", "public",
           "published", "public_text",
           "created_at", "updated_at", "entry_code", "deputy_id", "region_id", "owner_id",
           "unit_id", "co_unit_ids", "deadlines", "reminded", "overdue", "rehandle_count",
           "rating", "held_for_review", "timeline", "outbox", "time_limits", "deputy_name",
           "unit_name", "region_name", "resolution")
_OFFICE_STATUSES = frozenset({"forwarded"})
UNIT_STATUSES = frozenset({"assigned", "in_progress"})
_UNPUBLISHED = frozenset({"submitted", "withdrawn", "rejected"})


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
    values = {name: case.get(name) for name in _FIELDS if case.get(name) is not None}
    if case.get("version") is not None:
        values["version"] = case["version"]
    item = CaseItem(pk=keys.case_pk(case["id"]), sk=keys.META, case_id=case["id"],
                    case_type=case["type"], **values)
    for attr, value in index_attributes(case).items():
        setattr(item, attr, value)
    return item


def queue_sort_key(case: dict) -> str:
    """`status#created#id`: one status is one key range, each key unique, so lists can
    go newest first from a cursor."""
    return f"{case['status']}#{case['created_at']}#{case['id']}"


def shard_of(case_id: str) -> int:
    return zlib.crc32(case_id.encode()) % keys.SWEEP_SHARDS


def index_attributes(case: dict) -> dict:
    """The GSI attributes the case carries in its current state (None = not in that index)."""
    status, created = case["status"], case["created_at"]
    by_status = queue_sort_key(case)
    attrs = {"gsi1pk": keys.owner_cases_key(case["owner_id"]), "gsi1sk": created,
             "gsi2pk": None, "gsi2sk": None, "gsi3pk": None, "gsi3sk": None,
             "gsi6pk": keys.region_cases_key(case["region_id"]), "gsi6sk": created,
             "gsi4pk": None, "gsi4sk": None, "gsi5pk": None, "gsi5sk": None,
             "due_pk": None, "due_at": None, "outbox_pk": None, "outbox_at": None,
             "deadline_pk": None, "deadline_at": None, "inbox_pk": None, "inbox_at": None}
    if case.get("deputy_id") and not case.get("held_for_review"):
        attrs.update(gsi2pk=keys.deputy_cases_key(case["deputy_id"]), gsi2sk=by_status,
                     inbox_pk=keys.deputy_cases_key(case["deputy_id"]),
                     inbox_at=f"{created}#{case['id']}")
    waiting_on_office = status in _OFFICE_STATUSES or case.get("held_for_review") or (
        status == "submitted" and not case.get("deputy_id"))
    if waiting_on_office:
        attrs.update(gsi3pk=keys.office_queue_key(case["region_id"]), gsi3sk=by_status)
    elif status in UNIT_STATUSES and case.get("unit_id"):
        attrs.update(gsi3pk=keys.unit_queue_key(case["unit_id"]), gsi3sk=by_status)
    # Public only with the citizen's consent and the office's approval of its text.
    if case.get("public") and case.get("published") and status not in _UNPUBLISHED \
            and not case.get("held_for_review"):
        attrs.update(gsi4pk=keys.public_cases_key(case["region_id"]), gsi4sk=created,
                     gsi5pk=keys.public_cases_key(case["region_id"], case["category"]),
                     gsi5sk=created)
    shard = shard_of(case["id"])
    next_due = next_reminder_at(case) if status in OPEN_STATUSES else None
    if next_due:
        attrs.update(due_pk=keys.due_key(shard), due_at=f"{next_due}#{case['id']}")
    handling_due = [when for name, when in (case.get("deadlines") or {}).items()
                    if name != "rate"]  # the rating deadline waits on the citizen
    if status in OPEN_STATUSES and handling_due:
        attrs.update(deadline_pk=keys.open_deadlines_key(case["region_id"]),
                     deadline_at=f"{min(handling_due)}#{case['id']}")
    if case.get("outbox"):
        oldest = min(entry.get("next_at", entry["at"]) for entry in case["outbox"])
        attrs.update(outbox_pk=keys.outbox_key(shard), outbox_at=f"{oldest}#{case['id']}")
    return attrs


def next_reminder_at(case: dict) -> str | None:
    """When the reminder sweep next has something to do for this case, if ever."""
    pending = pending_reminders(case.get("deadlines") or {}, case.get("reminded") or [])
    return min((r["at"] for r in pending), default=None)
