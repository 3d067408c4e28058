"""Table keys (`pk`) read from keys-only indexes through the model's own client: what a
sweep has due, and a list's newest page."""
from .low_level import _client
from .models import BaseItem


def keys_due(use, hash_value: str, upto: str):
    """Table keys (`pk`) of a keys-only sweep index (an `indexes` use) up to `upto`, by page.

    PynamoDB cannot build typed items from a keys-only index (no discriminator), so the
    sweeps read these keys directly and then load each item they act on.
    """
    request = {"TableName": BaseItem.Meta.table_name, "IndexName": use.physical,
               "KeyConditionExpression": "#h = :h AND #r <= :upto",
               "ExpressionAttributeNames": {"#h": use.hash_attr, "#r": use.range_attr},
               "ExpressionAttributeValues": {":h": {"S": hash_value}, ":upto": {"S": upto}}}
    while True:
        page = _client().query(**request)
        for item in page.get("Items", []):
            yield item["pk"]["S"]
        if "LastEvaluatedKey" not in page:
            return
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def newest_keys(use, hash_value: str, *, limit: int,
                start: dict | None = None) -> tuple[list[str], dict | None]:
    """One page of table keys (`pk`) from a keys-only index (an `indexes` use), newest
    first, and where the next page starts (None at the end)."""
    request = {"TableName": BaseItem.Meta.table_name, "IndexName": use.physical,
               "Limit": limit, "KeyConditionExpression": "#h = :h", "ScanIndexForward": False,
               "ExpressionAttributeNames": {"#h": use.hash_attr},
               "ExpressionAttributeValues": {":h": {"S": hash_value}}}
    if start:
        request["ExclusiveStartKey"] = start
    page = _client().query(**request)
    return [item["pk"]["S"] for item in page.get("Items", [])], page.get("LastEvaluatedKey")
