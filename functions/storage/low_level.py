"""Counter items with dynamic attribute names, written through the model's own client.

PynamoDB models need declared attributes; counters are named by data (`status:closed`,
`received:2026-11`), so these go through the same botocore client and endpoint directly.
"""
from .keys import META
from .models import BaseItem
from .projected import items as _items


def _client():
    return BaseItem._get_connection().connection.client


MOVES = "moves"  # how many updates a counter item has had: the recount's version marker


def add_numbers(pk: str, deltas: dict[str, int], *, moves_were: int | None = None,
                stale: tuple | None = None, sets: dict[str, str] | None = None) -> bool:
    """Atomically add each delta to its named number on item (pk, META), creating it.

    Every update by a case write also counts itself in `moves`. The recount passes
    `moves_were` instead: its repair lands only if no update came since it looked (else
    False), and does not count as a move.
    `stale` = (changed_at, outbox shard key, due at): in the same write, note the change
    and put the item on the outbox index, due then, unless it is on it already.
    `sets`: string attributes written along (a deputy's counter item: its region and its
    place in the region's counter index).
    """
    if not deltas and not stale:
        return True
    names = {f"#n{i}": name for i, name in enumerate(deltas)}
    values = {f":v{i}": {"N": str(int(delta))} for i, delta in enumerate(deltas.values())}
    values[":type"] = {"S": "counter"}
    adds = [f"#n{i} :v{i}" for i in range(len(deltas))]
    names["#t"], names["#m"] = "type", MOVES
    assignments = "SET #t = :type"
    if stale:
        names.update({"#c": "changed_at", "#op": "outbox_pk", "#oa": "outbox_at"})
        values.update({":c": {"S": stale[0]}, ":op": {"S": stale[1]}, ":oa": {"S": stale[2]}})
        assignments += ", #c = :c, #op = if_not_exists(#op, :op), #oa = if_not_exists(#oa, :oa)"
    for i, (name, value) in enumerate((sets or {}).items()):
        names[f"#s{i}"], values[f":s{i}"] = name, {"S": value}
        assignments += f", #s{i} = :s{i}"
    request = {"TableName": BaseItem.Meta.table_name,
               "Key": {"pk": {"S": pk}, "sk": {"S": META}},
               "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}
    if moves_were is None:
        values[":one"] = {"N": "1"}
        adds.append("#m :one")
    elif moves_were:
        values[":m"] = {"N": str(moves_were)}
        request["ConditionExpression"] = "#m = :m"
    else:
        request["ConditionExpression"] = "attribute_not_exists(#m)"
    request["UpdateExpression"] = \
        f"{assignments} ADD {', '.join(adds)}" if adds else assignments
    try:
        _client().update_item(**request)
    except _client().exceptions.ConditionalCheckFailedException:
        return False
    return True


def mark_stale(pk: str, stale: tuple, *, sets: dict[str, str] | None = None,
               removes: tuple[str, ...] = ()) -> None:
    """`add_numbers`' `stale` mark alone, on counter item (pk, META): no number moves, not
    even `moves` (the recount's marker), so a recount under way is not disturbed. `sets`:
    string attributes written along; `removes`: attributes removed in the same write."""
    names = {"#t": "type", "#c": "changed_at", "#op": "outbox_pk", "#oa": "outbox_at"}
    values = {":type": {"S": "counter"}, ":c": {"S": stale[0]}, ":op": {"S": stale[1]},
              ":oa": {"S": stale[2]}}
    expression = "SET #t = :type, #c = :c, #op = if_not_exists(#op, :op), " \
        "#oa = if_not_exists(#oa, :oa)"
    for i, (name, value) in enumerate((sets or {}).items()):
        names[f"#s{i}"], values[f":s{i}"] = name, {"S": value}
        expression += f", #s{i} = :s{i}"
    for i, name in enumerate(removes):
        names[f"#r{i}"] = name
    if removes:
        expression += " REMOVE " + ", ".join(f"#r{i}" for i in range(len(removes)))
    _update(pk, expression, names, values)


def get_numbers(pk: str, *, consistent: bool = False) -> dict[str, int]:
    """Every number on item (pk, META) by name; empty if the item does not exist."""
    item = _client().get_item(TableName=BaseItem.Meta.table_name,
                              Key={"pk": {"S": pk}, "sk": {"S": META}},
                              ConsistentRead=consistent).get("Item") or {}
    return {name: int(value["N"]) for name, value in item.items() if "N" in value}


def numbers_in(use, hash_value: str):
    """The numbers of every item under `hash_value` in an index (an `indexes` use), by
    page: one Query per 1 MB, whatever the items' attribute names."""
    request = {"TableName": BaseItem.Meta.table_name, "IndexName": use.physical,
               "KeyConditionExpression": "#h = :h",
               "ExpressionAttributeNames": {"#h": use.hash_attr},
               "ExpressionAttributeValues": {":h": {"S": hash_value}}}
    while True:
        page = _client().query(**request)
        for item in page.get("Items", []):
            yield numbers_of(item)
        if "LastEvaluatedKey" not in page:
            return
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def put_numbers(pk: str, numbers: dict[str, int]) -> None:
    """Replace the numbers of item (pk, META) wholesale (a tally rebuilt from its items)."""
    item = {"pk": {"S": pk}, "sk": {"S": META}, "type": {"S": "counter"}}
    item.update({name: {"N": str(int(v))} for name, v in numbers.items()})
    _client().put_item(TableName=BaseItem.Meta.table_name, Item=item)


def raw_items(pks: list[str]) -> dict[str, dict]:
    """The raw items (pk, META) of these keys, one BatchGetItem per 100 (plus retries of
    unprocessed keys): typed items and counters read together in one store call."""
    return _items(pks)


def numbers_of(raw: dict | None) -> dict[str, int]:
    """The numbers of a raw counter item, by name (empty for none)."""
    return {name: int(value["N"]) for name, value in (raw or {}).items() if "N" in value}


def moves_of(pks: list[str]) -> dict[str, int]:
    """The `moves` marker of each counter item (0 where none), in batches of 100."""
    found = {pk: 0 for pk in pks}
    for start in range(0, len(pks), 100):
        request = {BaseItem.Meta.table_name: {
            "Keys": [{"pk": {"S": pk}, "sk": {"S": META}} for pk in pks[start:start + 100]],
            "ProjectionExpression": "pk, #m", "ExpressionAttributeNames": {"#m": MOVES},
            "ConsistentRead": True}}
        while request:
            answer = _client().batch_get_item(RequestItems=request)
            for item in answer.get("Responses", {}).get(BaseItem.Meta.table_name, []):
                found[item["pk"]["S"]] = int(item.get(MOVES, {}).get("N", "0"))
            request = answer.get("UnprocessedKeys") or None
    return found


def _update(pk: str, expression: str, names: dict, values: dict | None = None,
            returns: str = "NONE") -> dict:
    request = {"TableName": BaseItem.Meta.table_name, "Key": {"pk": {"S": pk}, "sk": {"S": META}},
               "UpdateExpression": expression, "ExpressionAttributeNames": names,
               "ReturnValues": returns}
    if values:
        request["ExpressionAttributeValues"] = values
    return _client().update_item(**request).get("Attributes") or {}
