"""Co-handling units find their cases in their own queue.

A case item sits in one queue partition (the `queue` index: its lead unit's); each co-unit gets a
small link item under the case's pk in its own queue partition, written after the case
write like the counters. Each link carries the case version it reflects and is only
ever replaced by a newer one, so late or repeated after-writes cannot bring back an old
state; the queue shows the case as stored and skips a link the case no longer backs.
"""
from pynamodb.exceptions import DeleteError, PutError

from functions.cases.placement import UNIT_STATUSES
from functions.cases.repository import queue_sort_key
from functions.storage import indexes, keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import CoUnitLinkItem


def queued_co_units(case: dict | None) -> set[str]:
    """The co-units whose queue shows this case now."""
    if not case or case["status"] not in UNIT_STATUSES or case.get("held_for_review"):
        return set()
    return set(case.get("co_unit_ids") or [])


def sync(old: dict | None, new: dict) -> None:
    """Bring the links in line with the case as just written."""
    before, after = queued_co_units(old), queued_co_units(new)
    for unit_id in sorted(after):  # all of them: a link an earlier after-write missed heals
        _put(new, unit_id)
    for unit_id in sorted(before - after):
        _delete(new, unit_id)


def _put(case: dict, unit_id: str) -> None:
    link = CoUnitLinkItem(pk=keys.case_pk(case["id"]), sk=keys.co_unit_sk(unit_id),
                          case_id=case["id"], unit_id=unit_id,
                          case_version=case["version"],
                          **indexes.queue.entry(keys.unit_queue_key(unit_id),
                                                queue_sort_key(case)))
    try:
        link.save(condition=CoUnitLinkItem.pk.does_not_exist()
                  | (CoUnitLinkItem.case_version < case["version"]))
    except PutError as exc:
        if not is_condition_failure(exc):
            raise  # a newer write already placed it: nothing to do otherwise


def _delete(case: dict, unit_id: str) -> None:
    link = CoUnitLinkItem(pk=keys.case_pk(case["id"]), sk=keys.co_unit_sk(unit_id))
    try:
        link.delete(condition=CoUnitLinkItem.case_version < case["version"])
    except DeleteError as exc:
        if not is_condition_failure(exc):
            raise  # gone already, or a newer write placed it again
