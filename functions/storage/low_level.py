"""Counter items with dynamic attribute names, written through the model's own client.

PynamoDB models need declared attributes; counters are named by data (`status:closed`,
`received:2026-11`), so these go through the same botocore client and endpoint directly.
"""
from .keys import META, deputy_pk
from .models import BaseItem


def _client():
    return BaseItem._get_connection().connection.client


def add_numbers(pk: str, deltas: dict[str, int]) -> None:
    """Atomically add each delta to its named number on item (pk, META), creating it."""
    if not deltas:
        return
    names = {f"#n{i}": name for i, name in enumerate(deltas)}
    values = {f":v{i}": {"N": str(int(delta))} for i, delta in enumerate(deltas.values())}
    values[":type"] = {"S": "counter"}
    adds = ", ".join(f"#n{i} :v{i}" for i in range(len(deltas)))
    names["#t"] = "type"
    _client().update_item(
        TableName=BaseItem.Meta.table_name, Key={"pk": {"S": pk}, "sk": {"S": META}},
        UpdateExpression=f"SET #t = :type ADD {adds}",
        ExpressionAttributeNames=names, ExpressionAttributeValues=values)


def get_numbers(pk: str) -> dict[str, int]:
    """Every number on item (pk, META) by name; empty if the item does not exist."""
    item = _client().get_item(TableName=BaseItem.Meta.table_name,
                              Key={"pk": {"S": pk}, "sk": {"S": META}}).get("Item") or {}
    return {name: int(value["N"]) for name, value in item.items() if "N" in value}


def put_numbers(pk: str, numbers: dict[str, int]) -> None:
    """Replace the numbers of item (pk, META) wholesale (the reconcile job's repair)."""
    item = {"pk": {"S": pk}, "sk": {"S": META}, "type": {"S": "counter"}}
    item.update({name: {"N": str(int(v))} for name, v in numbers.items()})
    _client().put_item(TableName=BaseItem.Meta.table_name, Item=item)


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
