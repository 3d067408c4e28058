"""Per-deputy yearly tallies and the ranking read from their index partitions.

A verified record ADDs to its tally (one UpdateItem); a second update, conditioned on
the points it just saw, moves the tally's sortable score key, so the last writer's key
stands and a stale one is never written over a newer one. A writer that has just read
the tally does both in one update instead (tally_known.py). Every ADD also counts itself
in `moves`, the recount's version marker (as counters' `moves`, storage/low_level.py):
the recount rewrites a tally only if no ADD came since it read it (tally_rewrite.py).
"""
from functions.storage import indexes
from functions.storage.low_level import _client
from functions.storage.models import BaseItem
from . import rules
from .models import DutyTallyItem, ranking_key, tally_pk


def _filter(use: indexes.IndexUse, code: str | None) -> tuple:
    return use, use.hash_attr, use.range_attr, code


# Filter field → (index use, its hash attribute, its range attribute, code in the key).
FILTERS = {None: _filter(indexes.ranking, None),
           "level": _filter(indexes.ranking_by_level, "L"),
           "group": _filter(indexes.ranking_by_group, "G"),
           "station": _filter(indexes.ranking_by_station, "S")}


def _card_sets(deputy: dict, year: str) -> tuple[dict, dict]:
    """Attribute names/values that place the tally in each ranking partition."""
    names, values = {"#t": "type"}, {":type": {"S": "duty_tally"}}
    plain = {"deputy_id": deputy["id"], "region_id": deputy["region_id"], "year": year,
             "name": deputy.get("name"), "level": deputy.get("level"),
             "deputy_group": deputy.get("group"), "station": deputy.get("station")}
    for field, (_, hash_attr, _, code) in FILTERS.items():
        value = deputy.get(field) if field else None
        if field is None or value:
            plain[hash_attr] = ranking_key(deputy["region_id"], year, code, value)
    for i, (name, value) in enumerate((n, v) for n, v in plain.items() if v):
        names[f"#a{i}"], values[f":a{i}"] = name, {"S": value}
    return names, values


def add(deputy: dict, year: str, delta: dict[str, int]) -> int:
    """Add `delta` (points, count_<kind>) to the deputy's tally; its new points."""
    names, values, sets = card_update(deputy, year)
    adds = add_clauses(names, values, delta) + [count_move(names, values)]
    answer = _client().update_item(
        TableName=BaseItem.Meta.table_name, Key=item_key(deputy["id"], year),
        UpdateExpression=f"SET {', '.join(sets)} ADD {', '.join(adds)}",
        ExpressionAttributeNames=names, ExpressionAttributeValues=values,
        ReturnValues="ALL_NEW")
    points = int(answer["Attributes"]["points"]["N"])
    move_score(deputy["id"], year, points, answer["Attributes"])
    return points


def card_update(deputy: dict, year: str) -> tuple[dict, dict, list[str]]:
    """Names, values and SET clauses that write the tally's card and partitions."""
    names, values = _card_sets(deputy, year)
    return names, values, ["#t = :type"] + [f"{n} = {n.replace('#', ':')}"
                                            for n in names if n != "#t"]


def add_clauses(names: dict, values: dict, delta: dict[str, int]) -> list[str]:
    """ADD clauses for `delta`, its names and values put into `names` and `values`."""
    for i, (name, amount) in enumerate(delta.items()):
        names[f"#d{i}"], values[f":d{i}"] = name, {"N": str(int(amount))}
    return [f"#d{i} :d{i}" for i in range(len(delta))]


def count_move(names: dict, values: dict) -> str:
    """The ADD clause that counts this write in the tally's `moves` marker."""
    names["#m"], values[":one"] = "moves", {"N": "1"}
    return "#m :one"


def move_score(deputy_id: str, year: str, points: int, attributes: dict) -> bool:
    """Point every ranking partition the tally is in at `points`, if still current."""
    score = rules.score_key(points, deputy_id)
    present = [r for _, h, r, _ in FILTERS.values() if h in attributes]
    names = {f"#r{i}": r for i, r in enumerate(present)}
    names["#p"] = "points"
    values = {":s": {"S": score}, ":p": {"N": str(points)}}
    client = _client()
    try:
        client.update_item(
            TableName=BaseItem.Meta.table_name, Key=item_key(deputy_id, year),
            UpdateExpression="SET " + ", ".join(f"#r{i} = :s" for i in range(len(present))),
            ConditionExpression="#p = :p", ExpressionAttributeNames=names,
            ExpressionAttributeValues=values)
    except client.exceptions.ConditionalCheckFailedException:
        return False  # a later record moved the points on; its own update writes its key
    return True


def get(deputy_id: str, year: str) -> DutyTallyItem | None:
    try:
        return DutyTallyItem.get(tally_pk(deputy_id), year)
    except DutyTallyItem.DoesNotExist:
        return None


def view(item: DutyTallyItem | None) -> dict:
    """`{points, by_kind}` of a tally (zeros when there is none yet)."""
    return {"points": int(item.points or 0) if item else 0,
            "by_kind": {k: int(getattr(item, f"count_{k}") or 0) if item else 0
                        for k in rules.KINDS}}


def ranking_query(region_id: str, year: str, field: str | None, value: str | None,
                  *, limit: int, start_key: dict | None, also: dict | None = None
                  ) -> tuple[list, dict | None]:
    """One Query: a page of tallies highest first, and where the next page starts.
    `also` ({field: value}) filters the partition's items further."""
    use, hash_attr, _, code = FILTERS[field]
    condition = None
    for name, wanted in (also or {}).items():
        attribute = getattr(DutyTallyItem, name)
        condition = (attribute == wanted) if condition is None else \
            condition & (attribute == wanted)
    result = use.query(
        DutyTallyItem, ranking_key(region_id, year, code, value), scan_index_forward=False,
        limit=limit, page_size=limit, last_evaluated_key=start_key,
        filter_condition=condition)
    items = list(result)
    return items, (result.last_evaluated_key if len(items) >= limit else None)


def item_key(deputy_id: str, year: str) -> dict:
    return {"pk": {"S": tally_pk(deputy_id)}, "sk": {"S": year}}
