"""The dashboard's deputy ranking follows changes within minutes, not only at night.

A case move that changes a deputy's figures marks the region's counter item, in the
counter write it makes anyway: `changed_at`, and a place on the outbox index due
REFRESH_AFTER later (kept if already there, so a busy region is refreshed once per
period, not once per move). The notify drain, which reads that index every minute
already, finds the region when it falls due and recomputes the ranking: one Query of the
region's deputies and their counter items. Frequent words stay with the nightly rollup
(jieba and 500 cases are too heavy for a per-minute drain).
"""
import zlib
from datetime import datetime, timedelta

from botocore.exceptions import ClientError

from functions.reporting import deputy_ranking, rollups
from functions.shared.clock import iso, now as clock_now
from functions.storage import keys
from functions.storage.low_level import _client
from functions.storage.models import BaseItem

REFRESH_AFTER = timedelta(minutes=5)
PREFIX = "COUNTERS#REGION#"


def mark(region_id: str, now: datetime | None) -> tuple[str, str, str]:
    """(changed_at, outbox shard, due at) for the counter write of a move."""
    now = now or clock_now()
    shard = zlib.crc32(region_id.encode()) % keys.SWEEP_SHARDS
    return iso(now), keys.outbox_key(shard), f"{iso(now + REFRESH_AFTER)}#{region_id}"


def refresh(region_id: str, *, now: datetime) -> None:
    """Recompute the region's ranking into its rollup (its words and their time kept).

    The mark comes off only if no move came in meanwhile (same `changed_at`); if one
    did, the region is due again one period later.
    """
    pk, table = keys.counter_pk(f"REGION#{region_id}"), BaseItem.Meta.table_name
    key = {"pk": {"S": pk}, "sk": {"S": keys.META}}
    seen = (_client().get_item(TableName=table, Key=key, ConsistentRead=True,
                               ProjectionExpression="changed_at").get("Item") or {})
    current = rollups.read(region_id) or {"data": {}, "refreshed_at": None}
    rollups.write(region_id, {**current["data"], "ranking": deputy_ranking.ranking(region_id)},
                  current["refreshed_at"], ranking_at=iso(now))
    try:
        _client().update_item(
            TableName=table, Key=key, UpdateExpression="REMOVE outbox_pk, outbox_at",
            ConditionExpression="changed_at = :seen",
            ExpressionAttributeValues={":seen": seen.get("changed_at", {"S": "-"})})
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
