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


def index_key(raw: dict, use) -> dict:
    """The position of a raw item in index `use` (an `indexes` use): where a page after it
    starts. The item must have been read with its keys and `use`'s keys."""
    return {name: raw[name] for name in ("pk", "sk", use.hash_attr, use.range_attr)}


def _range_condition(use, names: dict, values: dict, *, prefix, between, at_least, at_most):
    if prefix is None and between is None and at_least is None and at_most is None:
        return ""
    names["#r"] = use.range_attr
    if prefix is not None:
        values[":p"] = {"S": prefix}
        return " AND begins_with(#r, :p)"
    low, high = between if between is not None else (at_least, at_most)
    values.update({f":{k}": {"S": v} for k, v in (("lo", low), ("hi", high)) if v is not None})
    if low is not None and high is not None:
        return " AND #r BETWEEN :lo AND :hi"
    return " AND #r >= :lo" if low is not None else " AND #r <= :hi"


def query(use, hash_value: str, *, attributes=None, limit: int, start: dict | None = None,
          newest_first: bool = True, prefix: str | None = None,
          between: tuple[str, str] | None = None, at_least: str | None = None,
          at_most: str | None = None, equals: dict | None = None
          ) -> tuple[list[dict], dict | None]:
    """One page of raw items from an index (an `indexes` use) under `hash_value`: only
    `attributes` of each (None: whole items); the range key optionally starting with
    `prefix`, `between` two values, `at_least` and/or `at_most` one; with `equals`
    ({attribute: value}) a filter on what was read — `limit` then counts the items read,
    so the page may be short while the returned key says where to go on.
    Returns (items, where the next page starts or None)."""
    names, values = {"#h": use.hash_attr}, {":h": {"S": hash_value}}
    condition = "#h = :h" + _range_condition(use, names, values, prefix=prefix,
                                             between=between, at_least=at_least,
                                             at_most=at_most)
    request = {"TableName": BaseItem.Meta.table_name, "IndexName": use.physical,
               "Limit": limit, "KeyConditionExpression": condition,
               "ScanIndexForward": not newest_first,
               "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}
    if attributes is not None:
        request["ProjectionExpression"] = _projection(attributes, names)
    clauses = []
    for number, (attr, value) in enumerate((equals or {}).items()):
        names[f"#f{number}"], values[f":f{number}"] = attr, {"S": value}
        clauses.append(f"#f{number} = :f{number}")
    if clauses:
        request["FilterExpression"] = " AND ".join(clauses)
    if start:
        request["ExclusiveStartKey"] = start
    page = _client().query(**request)
    return page.get("Items", []), page.get("LastEvaluatedKey")


def items(pks: list[str], *, attributes=None, consistent: bool = True) -> dict[str, dict]:
    """{pk: raw item} of the items (pk, META) that exist, only `attributes` of each (None:
    whole items): one BatchGetItem per 100 keys (plus retries of unprocessed keys)."""
    found = {}
    names: dict = {}
    shape = {} if attributes is None else {
        "ProjectionExpression": _projection(["pk", *attributes], names),
        "ExpressionAttributeNames": names}
    for first in range(0, len(pks), 100):
        request = {BaseItem.Meta.table_name: {
            "Keys": [{"pk": {"S": pk}, "sk": {"S": META}} for pk in pks[first:first + 100]],
            "ConsistentRead": consistent, **shape}}
        while request:
            answer = _client().batch_get_item(RequestItems=request)
            for item in answer.get("Responses", {}).get(BaseItem.Meta.table_name, []):
                found[item["pk"]["S"]] = item
            request = answer.get("UnprocessedKeys") or None
    return found
