"""Co-handling units find their cases in their own queue.

A case item sits in one queue partition (the `queue` index: its lead unit's); each co-unit gets a
small link item under the case's pk in its own queue partition, written after the case
write like the counters (queue_links.py: only a newer case version replaces a link); the
queue shows the case as stored and skips a link the case no longer backs.
"""
from functions.cases import queue_links
from functions.cases.placement import UNIT_STATUSES
from functions.cases.repository import queue_sort_key
from functions.storage import indexes, keys
from functions.storage.models import CoUnitLinkItem


def queued_co_units(case: dict | None) -> set[str]:
    """The co-units whose queue shows this case now."""
    if not case or case["status"] not in UNIT_STATUSES or case.get("held_for_review"):
        return set()
    return set(case.get("co_unit_ids") or [])


def sync(old: dict | None, new: dict) -> None:
    """Bring the co-units' queue links in line with the case as just written."""
    before, after = queued_co_units(old), queued_co_units(new)
    for unit_id in sorted(after):  # all of them: a link an earlier after-write missed heals
        _put(new, unit_id)
    for unit_id in sorted(before - after):
        _delete(new, unit_id)


def link(case: dict, unit_id: str) -> CoUnitLinkItem:
    """The co-unit's link item as the case as stored wants it."""
    return CoUnitLinkItem(
        pk=keys.case_pk(case["id"]), sk=keys.co_unit_sk(unit_id), case_id=case["id"],
        unit_id=unit_id, case_version=case["version"],
        **indexes.queue.entry(keys.unit_queue_key(unit_id), queue_sort_key(case)))


def _put(case: dict, unit_id: str) -> None:
    queue_links.place(link(case, unit_id))


def _delete(case: dict, unit_id: str) -> None:
    queue_links.remove(CoUnitLinkItem(pk=keys.case_pk(case["id"]), sk=keys.co_unit_sk(unit_id)),
                       case["version"])
