"""Reads that ask the store for a few named attributes and hand back raw items.

Lists show a line per item; decoding whole items (a case's timeline and outbox) to do
so cost more than the store calls themselves. These go through the models' own botocore
client with a ProjectionExpression, and the caller decodes only what it asked for.
"""
from .keys import META
from .models import BaseItem


def _client():
    return BaseItem._get_connection().connection.client


def _projection(attributes, names: dict) -> str:
    placeholders = []
    for n, name in enumerate(attributes):
        names[f"#p{n}"] = name
        placeholders.append(f"#p{n}")
    return ", ".join(placeholders)


def query(use, hash_value: str, *, attributes, limit: int, start: dict | None = None,
          newest_first: bool = True, prefix: str | None = None,
          between: tuple[str, str] | None = None, at_most: str | None = None
          ) -> tuple[list[dict], dict | None]:
    """One page of raw items from an index (an `indexes` use) under `hash_value`, only
    `attributes` of each; the range key optionally starting with `prefix`, `between` two
    values or `at_most` one. Returns (items, where the next page starts or None)."""
    names, values = {"#h": use.hash_attr}, {":h": {"S": hash_value}}
    condition = "#h = :h"
    if prefix is not None:
        names["#r"], values[":p"] = use.range_attr, {"S": prefix}
        condition += " AND begins_with(#r, :p)"
    elif between is not None:
        names["#r"] = use.range_attr
        values[":lo"], values[":hi"] = {"S": between[0]}, {"S": between[1]}
        condition += " AND #r BETWEEN :lo AND :hi"
    elif at_most is not None:
        names["#r"], values[":hi"] = use.range_attr, {"S": at_most}
        condition += " AND #r <= :hi"
    request = {"TableName": BaseItem.Meta.table_name, "IndexName": use.physical,
               "Limit": limit, "KeyConditionExpression": condition,
               "ScanIndexForward": not newest_first,
               "ProjectionExpression": _projection(attributes, names),
               "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}
    if start:
        request["ExclusiveStartKey"] = start
    page = _client().query(**request)
    return page.get("Items", []), page.get("LastEvaluatedKey")


def items(pks: list[str], *, attributes, consistent: bool = True) -> dict[str, dict]:
    """{pk: raw item} of the items (pk, META) that exist, only `attributes` of each: one
    BatchGetItem per 100 keys (plus retries of unprocessed keys)."""
    found = {}
    names: dict = {}
    projection = _projection(["pk", *attributes], names)
    for first in range(0, len(pks), 100):
        request = {BaseItem.Meta.table_name: {
            "Keys": [{"pk": {"S": pk}, "sk": {"S": META}} for pk in pks[first:first + 100]],
            "ProjectionExpression": projection, "ExpressionAttributeNames": names,
            "ConsistentRead": consistent}}
        while request:
            answer = _client().batch_get_item(RequestItems=request)
            for item in answer.get("Responses", {}).get(BaseItem.Meta.table_name, []):
                found[item["pk"]["S"]] = item
            request = answer.get("UnprocessedKeys") or None
    return found
