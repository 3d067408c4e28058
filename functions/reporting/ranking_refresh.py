"""The dashboard's figures and deputy ranking follow changes within about two minutes.

Every case move marks the counter item it writes (a deputy's, or the region's for a case
without a deputy), in that same write: `changed_at`, and a place on the outbox index due
REFRESH_AFTER later (kept if already there, so a busy region is refreshed once per
period, not once per move; functions.reporting.refresh_mark). The notify drain, which
reads that index every minute already, hands the marked items it finds due to
`refresh_marked`, which sums each of their regions once
(deputy_ranking.ranking_and_figures: one Query of the region's deputies, their counter
items and the region's item) into the rollup — ranking, figures
and the moment they were summed, in one write of those alone, never over a later sum
(rollups.write_figures) — and then unmarks each item unless it moved meanwhile.
A move waits at most REFRESH_AFTER plus the drain's minute, so the dashboard's one
GetItem shows figures at most about two minutes old. Frequent words stay with the nightly
rollup (jieba and 500 cases are too heavy for a per-minute drain).
A region item the office's move of the term start marked (functions/duty/term_recount.py)
has its deputies' duty tallies recounted too, a slice a minute; it stays due until that
is done.
"""
from datetime import datetime

from botocore.exceptions import ClientError

from functions.duty import term_recount
from functions.reporting import deputy_ranking, rollups
from functions.reporting.refresh_mark import MARKED, PREFIX, REFRESH_AFTER, mark  # noqa: F401
from functions.shared.clock import iso
from functions.storage import keys
from functions.storage.low_level import _client
from functions.storage.models import BaseItem


def refresh_marked(pks: list[str], *, now: datetime) -> int:
    """Each region of these due counter items (deputies' or regions') summed once, then
    each item unmarked unless it moved after it was read; → how many regions were summed."""
    by_region: dict[str, list] = {}
    duty_owed: dict[str, dict] = {}  # region → its item, when its duty tallies are owed
    for pk, item in _seen(pks).items():
        region_id = pk[len(PREFIX):] if pk.startswith(PREFIX) else \
            item.get("region_id", {}).get("S")
        by_region.setdefault(region_id, []).append(
            (pk, item.get("changed_at", {"S": "-"})))
        if pk.startswith(PREFIX) and term_recount.MARK in item:
            duty_owed[region_id] = item
    for region_id, marked in by_region.items():
        if region_id in duty_owed:  # not done: the item stays due (_unmark)
            term_recount.run_safely(region_id, duty_owed[region_id], now=now)
        if region_id is not None:
            _rank(region_id, now)
        for pk, changed_at in marked:
            _unmark(pk, changed_at, region_id, now)
    return len([r for r in by_region if r is not None])


def _seen(pks: list[str]) -> dict[str, dict]:
    """pk → (changed_at, region_id, the duty recount's mark) of these counter items,
    read consistently."""
    table, found = BaseItem.Meta.table_name, {}
    for start in range(0, len(pks), 100):
        request = {table: {"Keys": [{"pk": {"S": pk}, "sk": {"S": keys.META}}
                                    for pk in pks[start:start + 100]],
                           "ProjectionExpression": "pk, changed_at, region_id, #d, #f",
                           "ExpressionAttributeNames": {"#d": term_recount.MARK,
                                                        "#f": term_recount.FROM},
                           "ConsistentRead": True}}
        while request:
            answer = _client().batch_get_item(RequestItems=request)
            found.update({i["pk"]["S"]: i for i in answer.get("Responses", {}).get(table, [])})
            request = answer.get("UnprocessedKeys") or None
    return found


def _rank(region_id: str, now: datetime) -> None:
    """The region's ranking and figures into its rollup: only those, so words the nightly
    rollup writes meanwhile stay, and not over figures summed later (rollups.write_figures)."""
    ranking, figures = deputy_ranking.ranking_and_figures(region_id)
    rollups.write_figures(region_id, ranking=ranking, figures=figures, at=iso(now))


def _unmark(pk: str, seen: dict, region_id: str | None, now: datetime) -> None:
    """Off the outbox index if `changed_at` is still `seen` and no duty recount is owed;
    else due one period later."""
    table, key = BaseItem.Meta.table_name, {"pk": {"S": pk}, "sk": {"S": keys.META}}
    request = {"TableName": table, "Key": key, "UpdateExpression": "REMOVE outbox_pk, outbox_at"}
    if region_id:  # an item with no region (none should be) is simply unmarked
        request.update(ConditionExpression="changed_at = :seen AND attribute_not_exists(#d)",
                       ExpressionAttributeNames={"#d": term_recount.MARK},
                       ExpressionAttributeValues={":seen": seen})
    try:
        _client().update_item(**request)
        return
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
            raise
    try:  # moved meanwhile: due again one period from now
        _client().update_item(
            TableName=table, Key=key, UpdateExpression="SET outbox_at = :due",
            ConditionExpression="attribute_exists(outbox_pk)",
            ExpressionAttributeValues={":due": {"S": mark(region_id, now)[2]}})
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
            raise
