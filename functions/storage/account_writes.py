"""Conditional writes on a principal's or a deputy's item (pk, META) through the model's
own client: binding a deputy with its code, ending every session of a principal, a staff
account's wrong passwords and lock-out, and the throttle markers the table's TTL removes.
"""
from .keys import META, deputy_pk
from .low_level import _client, _update
from .models import BaseItem


def claim_deputy(*, deputy_id: str, bind_code: str, user_id: str, openid: str | None) -> bool:
    """Bind a deputy to a user if the code is still theirs (or it is already this user's).

    One conditional update that also moves the deputy's version on, so an office edit
    based on the old version cannot overwrite the binding.
    """
    names = {"#u": "bound_user_id", "#c": "bind_code", "#v": "version", "#a": "active"}
    values = {":u": {"S": user_id}, ":c": {"S": bind_code}, ":one": {"N": "1"},
              ":yes": {"BOOL": True}}
    sets = "#u = :u, #v = #v + :one"
    if openid:
        names["#o"], values[":o"] = "openid", {"S": openid}
        sets += ", #o = :o"
    try:
        _client().update_item(
            TableName=BaseItem.Meta.table_name,
            Key={"pk": {"S": deputy_pk(deputy_id)}, "sk": {"S": META}},
            UpdateExpression=f"SET {sets} REMOVE #c",
            # A deactivated deputy cannot be bound (it may be again after reactivation).
            ConditionExpression="attribute_exists(pk) AND (#c = :c OR #u = :u)"
                                " AND (attribute_not_exists(#a) OR #a = :yes)",
            ExpressionAttributeNames=names, ExpressionAttributeValues=values)
    except _client().exceptions.ConditionalCheckFailedException:
        return False
    return True


def end_sessions(pk: str) -> bool:
    """Move the principal's session generation on: every token it holds is dead."""
    try:
        _client().update_item(
            TableName=BaseItem.Meta.table_name, Key={"pk": {"S": pk}, "sk": {"S": META}},
            UpdateExpression="ADD #g :one", ConditionExpression="attribute_exists(pk)",
            ExpressionAttributeNames={"#g": "session_generation"},
            ExpressionAttributeValues={":one": {"N": "1"}})
    except _client().exceptions.ConditionalCheckFailedException:
        return False
    return True


def add_login_failure(staff_pk: str) -> int:
    """Count one wrong password on the account atomically; → failures so far."""
    new = _update(staff_pk, "ADD #f :one", {"#f": "failed_logins"}, {":one": {"N": "1"}},
                  returns="UPDATED_NEW")
    return int(new["failed_logins"]["N"])


def set_locked_until(staff_pk: str, until_iso: str) -> None:
    _update(staff_pk, "SET #l = :l", {"#l": "locked_until"}, {":l": {"S": until_iso}})


def reset_login_failures(staff_pk: str) -> None:
    _update(staff_pk, "SET #f = :zero REMOVE #l", {"#f": "failed_logins", "#l": "locked_until"},
            {":zero": {"N": "0"}})


def mark(pk: str, *, expires_at) -> None:
    """A throttle marker item that the table's TTL removes after `expires_at`."""
    from functions.shared.clock import iso
    _update(pk, "SET #t = :t, #w = :w, #e = :e ADD #h :one",
            {"#t": "type", "#w": "window_start", "#e": "expires_at", "#h": "hits"},
            {":t": {"S": "throttle"}, ":w": {"S": iso(expires_at)},
             ":e": {"N": str(int(expires_at.timestamp()))}, ":one": {"N": "1"}})
