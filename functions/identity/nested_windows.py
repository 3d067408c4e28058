"""Several fixed windows counted in ONE item by ONE conditional UpdateItem.

A limit per hour and per day (the submission limits) would otherwise cost a write per
window. The longest window is the item (`throttle.window_pk`, so it is its own key); each
shorter window is an attribute of it named by its length and its place in the long one
(`hits_3600s_13`: the 14th hour of the day), never `hits` itself, so the first hour of a
UTC day and the day never share a counter. The condition checks every window at once:
parallel requests all count and never more than a window's limit pass, and a refusal
counts nothing. Shorter windows must divide the longest (an hour divides a UTC day).
The same write may carry more (`also`: the photo claims of the citizen's day item, with
their own condition); a refusal then reads the item once to tell which part refused.
"""
from datetime import datetime, timedelta

from functions.identity.throttle import window_pk, window_start
from functions.shared.clock import iso
from functions.shared.errors import RateLimited
from functions.storage import keys
from functions.storage.low_level import _client
from functions.storage.models import BaseItem

HITS = "hits"  # the longest window's count: the attribute ThrottleItem reads


def attribute(window: timedelta, outer: timedelta, now: datetime) -> str:
    """The attribute counting `window` inside the item of the `outer` window."""
    if window == outer:
        return HITS
    place = (window_start(now, window) - window_start(now, outer)) // window
    return f"hits_{int(window.total_seconds())}s_{place}"


def _key(subject: str, limits, now: datetime) -> tuple[dict, timedelta]:
    outer = max(window for _, window in limits)
    pk = window_pk(subject, window=outer, now=now)
    return {"pk": {"S": pk}, "sk": {"S": keys.META}}, outer


def take(subject: str, *, limits, now: datetime, message: str, keep: timedelta | None = None,
         also=None) -> dict:
    """Count one hit in every window of `limits` ((limit, window) pairs), or none:
    RateLimited when any window already holds its limit. `keep`: how long after the long
    window's start the item must live at least; `also`: more to set in the same write
    (`sets`, `condition` (may be empty), `names`, `values`, `refusal(item)`: the error, or
    None when the item shows no reason of its own; optionally `when_full(item)`: the error
    to raise instead of RateLimited, or None). → the attributes it changed, as they were
    before."""
    key, outer = _key(subject, limits, now)
    names, values, conditions, adds = {}, {":one": {"N": "1"}}, [], []
    for n, (limit, window) in enumerate(limits):
        names[f"#w{n}"] = attribute(window, outer, now)
        values[f":max{n}"] = {"N": str(int(limit) - 1)}
        conditions.append(f"(attribute_not_exists(#w{n}) OR #w{n} <= :max{n})")
        adds.append(f"#w{n} :one")
    start = window_start(now, outer)
    names.update({"#t": "type", "#s": "window_start", "#e": "expires_at"})
    values.update({":t": {"S": "throttle"}, ":s": {"S": iso(start)},
                   ":e": {"N": str(int((start + max(outer * 2, keep or outer)).timestamp()))}})
    sets = ["#t = :t", "#s = :s", "#e = :e"]
    if also is not None:
        sets += also.sets
        conditions += [also.condition] if also.condition else []
        names.update(also.names)
        values.update(also.values)
    client = _client()
    try:
        return client.update_item(
            TableName=BaseItem.Meta.table_name, Key=key,
            UpdateExpression=f"SET {', '.join(sets)} ADD {', '.join(adds)}",
            ConditionExpression=" AND ".join(conditions), ReturnValues="UPDATED_OLD",
            ExpressionAttributeNames=names, ExpressionAttributeValues=values,
        ).get("Attributes") or {}
    except client.exceptions.ConditionalCheckFailedException:
        item = _read(key)
        full = _full(item, limits, outer, now)
        when_full = getattr(also, "when_full", None)
        refused = also.refusal(item) if also is not None and not full else \
            (when_full(item) if when_full and full else None)
        if refused is not None:
            raise refused from None
        full = full or [min(w for _, w in limits)]
        raise RateLimited(message, {"retry_after": iso(_free_at(full, now))}) from None


def give_back(subject: str, *, limits, now: datetime, forget: str | None = None) -> None:
    """Uncount one hit of `take` (the case turned out to be stored already), and remove
    the attribute `forget` that write set."""
    key, outer = _key(subject, limits, now)
    names = {f"#w{n}": attribute(w, outer, now) for n, (_, w) in enumerate(limits)}
    expression = "ADD " + ", ".join(f"{name} :minus" for name in names)
    if forget:
        names["#f"] = forget
        expression += " REMOVE #f"
    _client().update_item(
        TableName=BaseItem.Meta.table_name, Key=key, ConditionExpression="attribute_exists(pk)",
        UpdateExpression=expression,
        ExpressionAttributeNames=names, ExpressionAttributeValues={":minus": {"N": "-1"}})


def full_windows(subject: str, *, limits, now: datetime) -> list[timedelta]:
    """The windows of `limits` that hold their limit now (one consistent GetItem)."""
    key, outer = _key(subject, limits, now)
    return _full(_read(key), limits, outer, now)


def _read(key: dict) -> dict:
    return _client().get_item(TableName=BaseItem.Meta.table_name, Key=key,
                              ConsistentRead=True).get("Item") or {}


def _full(item: dict, limits, outer: timedelta, now: datetime) -> list[timedelta]:
    return [window for limit, window in limits
            if int(item.get(attribute(window, outer, now), {}).get("N", "0")) >= limit]


def refuse_if_full(subject: str, *, limits, now: datetime, message: str) -> None:
    """RateLimited when a window is full, counting nothing (a check before slow work)."""
    full = full_windows(subject, limits=limits, now=now)
    if full:
        raise RateLimited(message, {"retry_after": iso(_free_at(full, now))})


def _free_at(full: list[timedelta], now: datetime) -> datetime:
    """When every full window has ended (a refusal that finds none full meanwhile, say
    after a give-back, names the shortest window's end)."""
    return max(window_start(now, window) + window for window in full)
