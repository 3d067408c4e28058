"""An upload belongs to one thing: the first case, duty record or project to attach it.

Claims are kept per uploader and upload period (32 days, read from the file id: no read),
one attribute per photo naming its holder (`case:<id>`, `duty:<id>`, `project:<id>`).
The photos of one request are all the caller's own and, as a rule, of one period, so they
are claimed in one conditional UpdateItem before the write that shows them: each must be
unclaimed or already this holder's. A retry of the same request (same case id, record id
or project) attaches them again; any other holder gets 409 `conflict` naming them. A
period item holds at most the uploads a person may make in it (100 a day): far below
DynamoDB's 400 KB.
"""
from collections import defaultdict

from functions.shared.errors import Conflict
from functions.storage import keys
from functions.storage.models import BaseItem

PERIOD_DAYS = 32


class PhotoTaken(Conflict):
    """Some photos already belong to something else; `file_ids` names them."""

    def __init__(self, file_ids: list[str]):
        super().__init__("a photo is already attached to something else",
                         {"photos": "already attached elsewhere: " + ", ".join(file_ids)})
        self.file_ids = file_ids


def attach_photos(file_ids: list[str] | None, *, owner: str, holder: str) -> None:
    """Claim the owner's uploads for `holder` and keep their files; refuse them all if one
    is taken (what this call claimed in another period is let go again)."""
    from functions.cases.uploads import keep_photos, upload_day
    periods = defaultdict(list)
    for file_id in file_ids or []:
        periods[keys.photo_claims_pk(owner, upload_day(file_id) // PERIOD_DAYS)].append(file_id)
    claimed = []
    for pk, ids in periods.items():
        new = _claim(pk, ids, holder)
        if new is None:
            for done_pk, done_ids in claimed:
                _let_go(done_pk, done_ids, holder)
            raise PhotoTaken(_taken(pk, ids, holder))
        claimed.append((pk, new))
    keep_photos(file_ids)


def let_go(file_ids: list[str], *, owner: str, holder: str) -> None:
    """Release uploads `holder` claimed but does not show (its request was refused)."""
    from functions.cases.uploads import upload_day
    for file_id in file_ids:
        _let_go(keys.photo_claims_pk(owner, upload_day(file_id) // PERIOD_DAYS), [file_id],
                holder)


def _client():
    return BaseItem._get_connection().connection.client


def _names(ids: list[str]) -> dict:
    return {f"#p{i}": file_id for i, file_id in enumerate(ids)}


def _claim(pk: str, ids: list[str], holder: str) -> list[str] | None:
    """One conditional write; the ids claimed anew (None: one belongs to another holder)."""
    names = _names(ids)
    try:
        old = _client().update_item(
            TableName=BaseItem.Meta.table_name, Key={"pk": {"S": pk}, "sk": {"S": keys.META}},
            UpdateExpression="SET #type = :type, " + ", ".join(f"{n} = :h" for n in names),
            ConditionExpression=" AND ".join(f"(attribute_not_exists({n}) OR {n} = :h)"
                                             for n in names),
            ExpressionAttributeNames={**names, "#type": "type"},
            ExpressionAttributeValues={":h": {"S": holder}, ":type": {"S": "photo_claims"}},
            ReturnValues="UPDATED_OLD")
    except _client().exceptions.ConditionalCheckFailedException:
        return None
    held_before = old.get("Attributes") or {}
    return [file_id for file_id in ids if file_id not in held_before]


def _taken(pk: str, ids: list[str], holder: str) -> list[str]:
    """Only on a refusal: which of `ids` another holder has (one read)."""
    item = _client().get_item(TableName=BaseItem.Meta.table_name, ConsistentRead=True,
                              Key={"pk": {"S": pk}, "sk": {"S": keys.META}}).get("Item") or {}
    return [i for i in ids if i in item and item[i].get("S") != holder] or list(ids)


def _let_go(pk: str, ids: list[str], holder: str) -> None:
    for file_id in ids:  # each alone: one may have been taken over meanwhile
        try:
            _client().update_item(
                TableName=BaseItem.Meta.table_name,
                Key={"pk": {"S": pk}, "sk": {"S": keys.META}}, UpdateExpression="REMOVE #p",
                ConditionExpression="#p = :h", ExpressionAttributeNames={"#p": file_id},
                ExpressionAttributeValues={":h": {"S": holder}})
        except _client().exceptions.ConditionalCheckFailedException:
            continue  # not this holder's (already let go): nothing to undo
