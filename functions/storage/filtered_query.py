"""One bounded page of an index, narrowed by a key range and attribute filters.

PynamoDB's `limit` counts the items a query returns, so with a filter it would go on
reading page after page until enough match; here one Query reads at most `read` items
(DynamoDB's `Limit` counts items read before the filter), whatever matches among them.
"""
from .models import BaseItem


def _client():
    return BaseItem._get_connection().connection.client


def index_key(raw: dict, use) -> dict:
    """The position of a raw item in index `use`: where a page after it starts."""
    return {name: raw[name] for name in ("pk", "sk", use.hash_attr, use.range_attr)}


def query_page(use, hash_value: str, *, low: str | None = None, high: str | None = None,
               equals: dict | None = None, read: int, start: dict | None = None,
               newest_first: bool = True) -> tuple[list[dict], dict | None]:
    """(raw items, last evaluated key) of one Query on `use` (an `indexes` use): sort key
    within [low, high], attributes equal to `equals`, at most `read` items read."""
    names, values = {"#h": use.hash_attr}, {":h": {"S": hash_value}}
    condition = "#h = :h"
    if low is not None or high is not None:
        names["#r"] = use.range_attr
    if low is not None and high is not None:
        condition += " AND #r BETWEEN :low AND :high"
    elif low is not None:
        condition += " AND #r >= :low"
    elif high is not None:
        condition += " AND #r <= :high"
    values.update({f":{k}": {"S": v} for k, v in (("low", low), ("high", high)) if v is not None})
    clauses = []
    for number, (attr, value) in enumerate((equals or {}).items()):
        names[f"#f{number}"], values[f":f{number}"] = attr, {"S": value}
        clauses.append(f"#f{number} = :f{number}")
    request = {"TableName": BaseItem.Meta.table_name, "IndexName": use.physical,
               "KeyConditionExpression": condition, "ExpressionAttributeNames": names,
               "ExpressionAttributeValues": values, "Limit": read,
               "ScanIndexForward": not newest_first}
    if clauses:
        request["FilterExpression"] = " AND ".join(clauses)
    if start:
        request["ExclusiveStartKey"] = start
    answer = _client().query(**request)
    return answer.get("Items", []), answer.get("LastEvaluatedKey")
