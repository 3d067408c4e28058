"""The SMS queue of a phone (functions/notifications/sms_digest.py) changed by one
conditional UpdateItem each, never read first.

`claim_at_once` queues a notice and claims it for sending in the same write when the
phone may hear now (no digest in flight, nothing waiting, its window open) as `at_once`;
`append` queues it for the next digest; `finish` ends a digest's send, or puts back an
at-once notice that certainly did not go (an at-once batch that went, or may have, stays
in `at_once` until the next one replaces it: functions/notifications/sms_digest.py). Each
adds 1 to `version`, so the queue's versioned saves (the drain's digest path) still see
every change.
"""
import re

from botocore.exceptions import ClientError

from functions.cases.repository import shard_of
from functions.storage import indexes, keys
from functions.storage.models import BaseItem
from functions.storage.notification_models import SmsDigestItem
from functions.storage.plain_attributes import _typed

_NEW = "NOT_IN_QUEUE"
# Unlisted notices by kind: a top-level counter each, which ADD makes in the same write (a
# map's key needs its map first: two writes, and a digest saved between them drops the map).
# The rest of `unlisted` are about cases.
UNLISTED_COUNTERS = {"suggestion": "unlisted_suggestion", "project": "unlisted_project"}
# Not queued already: neither waiting in `pending` nor in the last batch sent.
_NOT_QUEUED = ("(attribute_not_exists(pending_ids) OR NOT contains(pending_ids, :id)) AND "
               "(attribute_not_exists(last_ids) OR NOT contains(last_ids, :id))")


def _update(phone: str, expression: str, condition: str, values: dict,
            names: dict | None = None) -> bool:
    """One conditional UpdateItem of the phone's queue; False when the condition failed."""
    text = expression + " " + condition
    names = {k: v for k, v in {"#type": "type", "#name": "name", **(names or {})}.items()
             if k in text}  # the store refuses names and values an expression does not use
    values = {k: {"SS": sorted(v)} if isinstance(v, set) else _typed(v)
              for k, v in values.items() if re.search(re.escape(k) + r"\b", text)}
    try:
        BaseItem._get_connection().connection.client.update_item(
            TableName=BaseItem.Meta.table_name,
            Key={"pk": {"S": keys.sms_digest_pk(phone)}, "sk": {"S": keys.META}},
            UpdateExpression=expression, ConditionExpression=condition,
            ExpressionAttributeValues=values, **({"ExpressionAttributeNames": names}
                                                 if names else {}))
        return True
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
            return False
        raise


def _who(phone, region_id, name) -> tuple[str, dict]:
    values = {":phone": phone, ":region": region_id, ":kind": "sms_digest", ":one": 1}
    sets = "phone = :phone, region_id = :region, #type = :kind"
    if name:
        sets, values[":who"] = sets + ", #name = :who", name
    return sets, values


def claim_at_once(*, phone: str, entry: dict, batch: dict, region_id: str,
                  name: str | None, an_hour_ago: str) -> bool:
    """Queue `entry` as the batch `batch`, claimed for sending now, if the phone may hear
    now; False if it must wait (or was queued already). The batch it replaces in `at_once`
    was claimed at the phone's last send, an hour ago at least, and settled by its entry
    since (functions/notifications/sms_digest.py)."""
    sets, values = _who(phone, region_id, name)
    return _update(
        phone, f"SET {sets}, at_once = :batch, last_sent_at = :at, last_ids = :ids "
               "ADD version :one",
        "(attribute_not_exists(in_flight) OR attribute_type(in_flight, :null)) AND "
        "(attribute_not_exists(pending) OR size(pending) = :zero) AND "
        "(attribute_not_exists(last_sent_at) OR last_sent_at <= :hour_ago) AND " + _NOT_QUEUED,
        {**values, ":batch": batch, ":at": batch["at"], ":ids": {entry["id"]},
         ":id": entry["id"], ":null": "NULL", ":zero": 0, ":hour_ago": an_hour_ago})


def append(*, phone: str, entry: dict, region_id: str, name: str | None, due: str,
           max_listed: int) -> bool:
    """Queue `entry` for the phone's next digest, the queue on the outbox index from `due`;
    False if it was queued already or the queue lists `max_listed` entries."""
    sets, values = _who(phone, region_id, name)
    outbox = indexes.outbox.entry(keys.outbox_key(shard_of(phone)), f"{due}#{phone}")
    (pk_attr, shard), (at_attr, due_at) = outbox.items()
    return _update(
        phone, f"SET {sets}, pending = list_append(if_not_exists(pending, :empty), :entry), "
               f"#opk = if_not_exists(#opk, :shard), #oat = if_not_exists(#oat, :due) "
               "ADD version :one, pending_ids :ids",
        "(attribute_not_exists(pending) OR size(pending) < :max) AND " + _NOT_QUEUED,
        {**values, ":empty": [], ":entry": [entry], ":shard": shard, ":due": due_at,
         ":ids": {entry["id"]}, ":id": entry["id"], ":max": max_listed},
        {"#opk": pk_attr, "#oat": at_attr})


def unlisted_kinds(item: SmsDigestItem) -> dict:
    """{kind: n} of the queue's unlisted notices but cases (the rest of `unlisted`)."""
    kinds = {k: int(n) for k, n in (item.unlisted_kinds or {}).items() if n}  # older items
    for kind, attribute in UNLISTED_COUNTERS.items():
        kinds[kind] = kinds.get(kind, 0) + int(getattr(item, attribute) or 0)
    return {k: n for k, n in kinds.items() if n}


def clear_unlisted(item: SmsDigestItem) -> None:
    """Nothing waits beyond the listed entries (a digest took them)."""
    item.unlisted, item.unlisted_kinds = 0, None
    for attribute in UNLISTED_COUNTERS.values():
        setattr(item, attribute, None)


def _counted(kinds: dict) -> tuple[str, dict, dict]:
    """The ADD terms, names and values that count `kinds` ({kind: n}) in their counters."""
    counted = {UNLISTED_COUNTERS[k]: n for k, n in kinds.items() if k in UNLISTED_COUNTERS and n}
    terms = "".join(f", #c{i} :c{i}" for i in range(len(counted)))
    names = {f"#c{i}": attribute for i, attribute in enumerate(counted)}
    values = {f":c{i}": n for i, n in enumerate(counted.values())}
    return terms, names, values


def count_unlisted(*, phone: str, entry_id: str, due: str, kind: str = "case") -> bool:
    """Count `entry_id` beyond the listed entries of a full queue (once), by its kind, in
    one write (a digest saved at any moment cannot come between two of them)."""
    outbox = indexes.outbox.entry(keys.outbox_key(shard_of(phone)), f"{due}#{phone}")
    (pk_attr, shard), (at_attr, due_at) = outbox.items()
    terms, names, values = _counted({kind: 1})
    return _update(phone, "SET #opk = if_not_exists(#opk, :shard), #oat = if_not_exists(#oat, "
                          f":due) ADD unlisted :one, version :one, pending_ids :ids{terms}",
                   "attribute_exists(pk) AND " + _NOT_QUEUED,
                   {":one": 1, ":shard": shard, ":due": due_at, ":ids": {entry_id},
                    ":id": entry_id, **values}, {"#opk": pk_attr, "#oat": at_attr, **names})


def reopen_window(*, phone: str, claimed_at: str, window_from: str) -> bool:
    """A claimed send was throttled and did not go: the phone's window runs from
    `window_from` instead of the claim (unless another send has claimed since)."""
    return _update(phone, "SET last_sent_at = :from ADD version :one",
                   "last_sent_at = :claimed", {":from": window_from, ":claimed": claimed_at,
                                               ":one": 1})


def finish(*, phone: str, batch: dict, unsent: list, unsent_unlisted: int,
           ready_at: str, unsent_kinds: dict | None = None, slot: str = "in_flight") -> bool:
    """End the send of `batch`, held in `slot` (`in_flight`: a digest; `at_once`); put back
    what certainly did not go, due at `ready_at` (`unsent_kinds`: the unlisted ones by
    kind). False if the batch was no longer there (a later sender recorded it)."""
    values = {":batch": batch["batch"], ":one": 1}
    expression = f"REMOVE {slot} ADD version :one"
    names = {}
    if unsent or unsent_unlisted:
        outbox = indexes.outbox.entry(keys.outbox_key(shard_of(phone)), f"{ready_at}#{phone}")
        (pk_attr, shard), (at_attr, due_at) = outbox.items()
        terms, names, counted = _counted(unsent_kinds or {})
        expression = ("SET pending = list_append(:unsent, if_not_exists(pending, :empty)), "
                      f"#opk = :shard, #oat = :due REMOVE {slot} "
                      "ADD version :one, unlisted :count" +
                      (", pending_ids :ids" if unsent else "") + terms)
        values.update({":unsent": unsent, ":empty": [], ":shard": shard, ":due": due_at,
                       ":count": unsent_unlisted, **counted})
        if unsent:
            values[":ids"] = {e["id"] for e in unsent}
        names.update({"#opk": pk_attr, "#oat": at_attr})
    return _update(phone, expression, f"{slot}.#batch = :batch", values,
                   {**names, "#batch": "batch"})


def load(phone: str) -> SmsDigestItem | None:
    """The queue as stored (consistent), for the rare path that must look."""
    try:
        return SmsDigestItem.get(keys.sms_digest_pk(phone), keys.META, consistent_read=True)
    except SmsDigestItem.DoesNotExist:
        return None
