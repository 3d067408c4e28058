"""The region's tallies recounted about a minute after the office moves the term start.

Records since the new start made before the move sit in no tally of the new term until a
recount counts them; a whole region is too much for the request, so the edit marks the
region the way the nightly rollup does (dashboard_rollups.py): on its counter item
`COUNTERS#REGION#<rid>`, in one write, `changed_at` and a place on the outbox index due
a minute later (kept if already there: two edits in a minute make one recount), and
`duty_recount_at` (the edit's moment and a token of its own, so an edit in the same
second still tells). The notify drain, which reads that index every
minute, hands the item to functions.reporting.ranking_refresh, which calls `run`: the
nightly per-deputy recount (recount.recount_deputy: its records by the deputy's index,
no Scan) for at most SLICE deputies, in the region's deputy index order, from where the
last run stopped (`duty_recount_from`). The mark goes only when the last deputy is done,
and only if no edit came meanwhile (that edit set a new moment and the start again); until
then the item stays due, a minute later each time, and a run that died is run again.
A deputy whose records kept moving, or with a record verified in the last seconds, stops
the slice there: it is the next run's first.
"""
import json
import logging
from datetime import datetime

from functions import deputies
from functions.reporting import refresh_mark
from functions.shared.ids import new_id
from functions.storage import keys, low_level
from functions.storage.models import BaseItem
from . import recount, repository

log = logging.getLogger(__name__)
MARK, FROM = "duty_recount_at", "duty_recount_from"
SLICE = 200  # deputies per minute: about 3 reads and at most 3 writes each


def mark(region_id: str, now: datetime) -> None:
    """Have the minute's drain recount the region's tallies (from its first deputy)."""
    stale = refresh_mark.mark(region_id, now)
    low_level.mark_stale(keys.counter_pk(f"REGION#{region_id}"), stale,
                         sets={MARK: f"{stale[0]}#{new_id()}"}, removes=(FROM,))


def run(region_id: str, marked: dict, *, now: datetime) -> bool:
    """The next slice of the region's recount (`marked`: its counter item as the drain
    read it); True when the region is done and its mark gone."""
    seen = marked[MARK]["S"]
    start = json.loads(marked[FROM]["S"]) if FROM in marked else None
    region_rules = repository.region_rules(region_id)
    found = deputies.region_deputy_items(region_id, last_evaluated_key=start)
    reached, done = start, 0
    for deputy in found:
        try:
            state = recount.recount_deputy(deputy, now=now, region_rules=region_rules,
                                           settle=True)["state"]
        except Exception:  # left to the nightly recount, as there
            log.exception("duty term recount failed for deputy %s", deputy.deputy_id)
            state = "done"
        if state != "done":
            break  # this deputy first again next minute
        reached, done = found.last_evaluated_key, done + 1
        if done >= SLICE:
            break
    else:
        return _finish(region_id, seen)
    if done and reached is None:  # the slice ended with the region's last deputy
        return _finish(region_id, seen)
    if reached != start:
        _update(region_id, "SET #f = :f", {}, {":f": {"S": json.dumps(reached)}}, seen=seen)
    return False


def run_safely(region_id: str, marked: dict, *, now: datetime) -> bool:
    """`run`, a failure logged: the region stays marked and the drain runs it again."""
    try:
        return run(region_id, marked, now=now)
    except Exception:
        log.exception("duty term recount of region %s stopped; it runs again", region_id)
        return False


def _finish(region_id: str, seen: str) -> bool:
    """The mark removed, unless an edit came meanwhile (its recount is still owed)."""
    return _update(region_id, "REMOVE #d, #f", {}, {}, seen=seen)


def _update(region_id: str, expression: str, names: dict, values: dict,
            seen: str | None = None) -> bool:
    request = {"TableName": BaseItem.Meta.table_name,
               "Key": {"pk": {"S": keys.counter_pk(f"REGION#{region_id}")},
                       "sk": {"S": keys.META}},
               "UpdateExpression": expression,
               "ExpressionAttributeNames": {**names, "#d": MARK, "#f": FROM}}
    if seen is not None:
        request["ConditionExpression"] = "#d = :seen"
        values = {**values, ":seen": {"S": seen}}
    if values:
        request["ExpressionAttributeValues"] = values
    client = low_level._client()
    try:
        client.update_item(**request)
    except client.exceptions.ConditionalCheckFailedException:
        return False
    return True
