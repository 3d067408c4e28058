"""Counter items with dynamic attribute names, written through the model's own client.

PynamoDB models need declared attributes; counters are named by data (`status:closed`,
`received:2026-11`), so these go through the same botocore client and endpoint directly.
"""
from .keys import META, deputy_pk
from .models import BaseItem


def _client():
    return BaseItem._get_connection().connection.client


MOVES = "moves"  # how many updates a counter item has had: the recount's version marker


def add_numbers(pk: str, deltas: dict[str, int], *, moves_were: int | None = None,
                stale: tuple | None = None) -> bool:
    """Atomically add each delta to its named number on item (pk, META), creating it.

    Every update by a case write also counts itself in `moves`. The recount passes
    `moves_were` instead: its repair lands only if no update came since it looked (else
    False), and does not count as a move.
    `stale` = (changed_at, outbox shard key, due at): in the same write, note the change
    and put the item on the outbox index, due then, unless it is on it already.
    """
    if not deltas and not stale:
        return True
    names = {f"#n{i}": name for i, name in enumerate(deltas)}
    values = {f":v{i}": {"N": str(int(delta))} for i, delta in enumerate(deltas.values())}
    values[":type"] = {"S": "counter"}
    adds = [f"#n{i} :v{i}" for i in range(len(deltas))]
    names["#t"], names["#m"] = "type", MOVES
    sets = "SET #t = :type"
    if stale:
        names.update({"#c": "changed_at", "#op": "outbox_pk", "#oa": "outbox_at"})
        values.update({":c": {"S": stale[0]}, ":op": {"S": stale[1]}, ":oa": {"S": stale[2]}})
        sets += ", #c = :c, #op = if_not_exists(#op, :op), #oa = if_not_exists(#oa, :oa)"
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
    request["UpdateExpression"] = f"{sets} ADD {', '.join(adds)}" if adds else sets
    try:
        _client().update_item(**request)
    except _client().exceptions.ConditionalCheckFailedException:
        return False
    return True


def get_numbers(pk: str, *, consistent: bool = False) -> dict[str, int]:
    """Every number on item (pk, META) by name; empty if the item does not exist."""
    item = _client().get_item(TableName=BaseItem.Meta.table_name,
                              Key={"pk": {"S": pk}, "sk": {"S": META}},
                              ConsistentRead=consistent).get("Item") or {}
    return {name: int(value["N"]) for name, value in item.items() if "N" in value}


def put_numbers(pk: str, numbers: dict[str, int]) -> None:
    """Replace the numbers of item (pk, META) wholesale (a tally rebuilt from its items)."""
    item = {"pk": {"S": pk}, "sk": {"S": META}, "type": {"S": "counter"}}
    item.update({name: {"N": str(int(v))} for name, v in numbers.items()})
    _client().put_item(TableName=BaseItem.Meta.table_name, Item=item)


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


def claim_deputy(*, deputy_id: str, bind_code: str, user_id: str, openid: str | None) -> bool:
    """Bind a deputy to a user if the code is still theirs (or it is already this user's).

    One conditional update that also moves the deputy's version on, so an office edit
    based on the old version cannot overwrite the binding.
    """
    names = {"#u": "bound_user_id", "#c": "bind_code", "#v": "version"}
    values = {":u": {"S": user_id}, ":c": {"S": bind_code}, ":one": {"N": "1"}}
    sets = "#u = :u, #v = #v + :one"
    if openid:
        names["#o"], values[":o"] = "openid", {"S": openid}
        sets += ", #o = :o"
    try:
        _client().update_item(
            TableName=BaseItem.Meta.table_name,
            Key={"pk": {"S": deputy_pk(deputy_id)}, "sk": {"S": META}},
            UpdateExpression=f"SET {sets} REMOVE #c",
            ConditionExpression="attribute_exists(pk) AND (#c = :c OR #u = :u)",
            ExpressionAttributeNames=names, ExpressionAttributeValues=values)
    except _client().exceptions.ConditionalCheckFailedException:
        return False
    return True
