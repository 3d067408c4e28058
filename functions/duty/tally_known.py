"""A tally moved in one write by a writer that has just read it (a case's record).

`tally_store.add` ADDs blind and then moves the score keys in a second write, as it
must not know the points before. Having read the tally, the new points are known: one
UpdateItem SETs them with every ranking partition's score key and ADDs the kind's
count, conditioned on the points still being what was read (or on there being no tally,
when there was none). A race fails the condition, writes nothing, and the caller takes
`tally_store.add`, which stays right under races.
"""
from functions.storage.low_level import _client
from functions.storage.models import BaseItem
from . import rules
from .models import DutyTallyItem
from .tally_store import FILTERS, add_clauses, card_update, count_move, item_key


def add_known(deputy: dict, year: str, delta: dict[str, int],
              seen: DutyTallyItem | None) -> bool:
    """Add `delta` to the tally read as `seen` (None: there was none) in one write; False,
    nothing written, if it moved since."""
    names, values, sets = card_update(deputy, year)
    old = int(seen.points or 0) if seen else 0
    points = old + int(delta["points"])
    adds = add_clauses(names, values, {k: v for k, v in delta.items() if k != "points"}) \
        + [count_move(names, values)]
    # The partitions of the deputy's card, and any an older card left the tally in (as
    # move_score does, every partition the tally is in gets the new score).
    ranges = [r for _, h, r, _ in FILTERS.values()
              if h in names.values() or (seen and getattr(seen, h, None))]
    names.update({"#p": "points", **{f"#r{i}": r for i, r in enumerate(ranges)}})
    values.update({":p": {"N": str(points)}, ":s": {"S": rules.score_key(points, deputy["id"])}})
    sets += ["#p = :p", *(f"#r{i} = :s" for i in range(len(ranges)))]
    if seen:
        condition, values[":old"] = "#p = :old", {"N": str(old)}
    else:
        condition = "attribute_not_exists(#p)"
    client = _client()
    try:
        client.update_item(
            TableName=BaseItem.Meta.table_name, Key=item_key(deputy["id"], year),
            UpdateExpression=f"SET {', '.join(sets)} ADD {', '.join(adds)}",
            ConditionExpression=condition, ExpressionAttributeNames=names,
            ExpressionAttributeValues=values)
    except client.exceptions.ConditionalCheckFailedException:
        return False
    return True
