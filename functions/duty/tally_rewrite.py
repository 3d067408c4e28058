"""The recount's rewrite of a tally from the records, never over a record's ADD.

The recount reads the tallies (their `moves` markers) before it reads the records, and
writes each tally whole only if its marker is still what it read: a record whose ADD
came meanwhile makes the write fail and the recount read again (recount.py). Without
the condition, a record written after the recount's Query and ADDed before its write
was lost from the tally until the next night.
"""
from pynamodb.exceptions import PutError

from functions.storage.conditions import is_condition_failure
from . import rules
from .models import DutyTallyItem, ranking_key, tally_pk
from .tally_store import FILTERS


def get_many(deputy_id: str, periods: list[str]) -> dict[str, DutyTallyItem]:
    """The deputy's tallies of these periods (those that exist), in one consistent
    BatchGetItem: their `moves` markers are the latest."""
    return {item.sk: item for item in DutyTallyItem.batch_get(
        [(tally_pk(deputy_id), period) for period in periods], consistent_read=True)}


def replace(deputy: dict, year: str, totals: dict, *, moves_were: int | None = None) -> bool:
    """Write the tally whole from recounted `totals` (`points`, `by_kind`). With
    `moves_were` (the marker the recount read before it read the records) only if no ADD
    came since: else False and nothing written, so a concurrent record's ADD stands."""
    item = DutyTallyItem(pk=tally_pk(deputy["id"]), sk=year, deputy_id=deputy["id"],
                         region_id=deputy["region_id"], year=year, name=deputy.get("name"),
                         level=deputy.get("level"), group=deputy.get("group"),
                         station=deputy.get("station"), points=totals["points"],
                         moves=moves_were or None)
    for kind, count in totals["by_kind"].items():
        setattr(item, f"count_{kind}", count)
    score = rules.score_key(totals["points"], deputy["id"])
    for field, (_, hash_attr, range_attr, code) in FILTERS.items():
        value = deputy.get(field) if field else None
        if field is None or value:
            setattr(item, hash_attr, ranking_key(deputy["region_id"], year, code, value))
            setattr(item, range_attr, score)
    condition = None if moves_were is None else DutyTallyItem.moves.does_not_exist() \
        if not moves_were else DutyTallyItem.moves == moves_were
    try:
        item.save(condition=condition)
    except PutError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True
