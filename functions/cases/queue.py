"""The office's and a unit's queue: what waits on them, newest first.

The `queue` index sorts by `status#created#id`, so one status is one key range.
Unfiltered, the page is merged from the queue's statuses (two each), every range read
from the cursor down, at most limit + 1 items each. A unit's queue also holds link items
for the cases it co-handles (`functions/cases/co_unit_links.py`): those are read whole in one
batch and shown as the case stands.
"""
from datetime import datetime

from functions.identity.access import require_staff
from functions.cases.views import summary_view
from functions.cases.co_unit_links import queued_co_units
from functions.cases.states import STATUSES
from functions.shared.errors import ValidationFailed
from functions.shared.pagination import decode_cursor, encode_cursor, parse_limit
from functions.storage import indexes, keys
from functions.cases.repository import from_item
from functions.storage.models import BaseItem, CaseItem, CoUnitLinkItem

QUEUE_STATUSES = {"office": ("forwarded", "submitted"), "unit": ("assigned", "in_progress")}


def staff_queue(*, actor: dict, status=None, limit=None, cursor=None, now: datetime) -> dict:
    actor = require_staff(actor, "office", "unit")
    if status not in (None, "") and status not in STATUSES:
        raise ValidationFailed("invalid status", {"status": f"one of {', '.join(STATUSES)}"})
    scope = keys.office_queue_key(actor["region_id"]) if actor["role"] == "office" \
        else keys.unit_queue_key(actor["unit_id"])
    size = parse_limit(limit)
    after = decode_cursor(cursor, f"{scope}|{status or ''}")
    found, more = [], False
    for each in ([status] if status else QUEUE_STATUSES[actor["role"]]):
        items = list(indexes.queue.query(
            BaseItem, scope,
            indexes.queue.sort_key().between(f"{each}#", f"{each}#{after or '~'}"),
            scan_index_forward=False, limit=size + 1))
        more = more or len(items) > size
        placed = [(_sort_key(item).split("#", 1)[1], item) for item in items]
        found += [(key, item) for key, item in placed if not after or key < after]
    found.sort(key=lambda pair: pair[0], reverse=True)
    shown = found[:size]
    more = more or len(found) > size
    rows = _rows([item for _, item in shown], actor, now)
    last = shown[-1][0] if shown and more else None
    return {"items": rows, "next_cursor": encode_cursor(last, f"{scope}|{status or ''}")}


def _sort_key(item) -> str:
    return getattr(item, indexes.queue.range_attr)


def _rows(items: list, actor: dict, now: datetime) -> list[dict]:
    linked = [i.case_id for i in items if isinstance(i, CoUnitLinkItem)]
    cases = {}
    if linked:
        cases = {c.case_id: from_item(c) for c in CaseItem.batch_get(
            [(keys.case_pk(case_id), keys.META) for case_id in linked])}
    rows = []
    for item in items:
        if isinstance(item, CaseItem):
            rows.append(summary_view(from_item(item), now=now))
            continue
        case = cases.get(getattr(item, "case_id", None))
        if case and actor.get("unit_id") in queued_co_units(case):
            rows.append({**summary_view(case, now=now), "co_handling": True})
    return rows
