"""Where a photo's claim is written: its uploader's item of its upload day.

The item is the uploader's submission-window item of that UTC day (the day is read from
the file id: no read; functions/cases/submission_limits.py): one attribute
`photo#<file id>` naming the holder (`case:<id>`, `duty:<id>`, `project:<id>`). It lives
DAY_ITEM_KEEP from its day's start, longer than any of its photos can be attached
(ATTACHABLE_DAYS), so a claim is never gone while its photo could still be attached
elsewhere. A new case claims its photos of the submission day in the submission limits'
own conditional write (`Claim`); other claims take one conditional write per day
(`claim_on_day`). Each photo must be unclaimed or already this holder's: a retry of the
same request claims them again; any other holder gets 409 `conflict` naming them
(`PhotoTaken`). A day item holds at most the 100 uploads of a day: far below DynamoDB's
400 KB. The rules of attaching and letting go: functions/cases/photo_claims.py.
"""
from collections import defaultdict
from datetime import datetime, timedelta, timezone

from functions.identity.throttle import window_pk
from functions.shared.clock import iso
from functions.shared.errors import Conflict
from functions.storage import keys
from functions.storage.models import BaseItem

ATTACHABLE_DAYS = 7  # (one never attached goes at the end of the day after: uploads.py)
DAY = timedelta(days=1)
DAY_ITEM_KEEP = DAY * (ATTACHABLE_DAYS + 1) + DAY * 2  # the last attachable day + margin


class PhotoTaken(Conflict):
    """Some photos already belong to something else; `file_ids` names them."""

    def __init__(self, file_ids: list[str]):
        super().__init__("a photo is already attached to something else",
                         {"photos": "already attached elsewhere: " + ", ".join(file_ids)})
        self.file_ids = file_ids


def day_subject(owner: str) -> str:
    """The subject of an uploader's (citizen's) day item: submission windows and claims."""
    return f"submit#{owner}"


def by_day(file_ids) -> dict[int, list[str]]:
    """The photos by their upload day (a date ordinal), whose item holds their claims."""
    from functions.cases.uploads import upload_day
    days = defaultdict(list)
    for file_id in file_ids or []:
        days[upload_day(file_id)].append(file_id)
    return dict(days)


def of_other_days(file_ids, now: datetime) -> list[str]:
    """The photos not uploaded on `now`'s UTC day (claimed on their own day's item)."""
    today = now.date().toordinal()
    return [f for day, ids in by_day(file_ids).items() if day != today for f in ids]


class Claim:
    """The part of a day item's conditional write that claims `ids` for `holder`."""

    def __init__(self, ids: list[str], holder: str):
        self.ids, self.holder = list(ids), holder
        self.names = {f"#p{i}": _attribute(f) for i, f in enumerate(self.ids)}
        self.values = {":holder": {"S": holder}}
        self.sets = [f"{n} = :holder" for n in self.names]
        self.condition = " AND ".join(f"(attribute_not_exists({n}) OR {n} = :holder)"
                                      for n in self.names)

    def anew(self, before: dict) -> list[str]:
        """The ids this write claimed (not held by this holder before it)."""
        return [f for f in self.ids if _attribute(f) not in before]

    def refusal(self, item: dict) -> PhotoTaken | None:
        """Only on a refusal: the ids another holder has (from the item read once), or
        None when none is (the write was refused for something else)."""
        taken = [f for f in self.ids
                 if item.get(_attribute(f), {}).get("S") not in (None, self.holder)]
        return PhotoTaken(taken) if taken else None


def claim_on_day(owner: str, day: int, ids: list[str], holder: str) -> list[str]:
    """One conditional write on the uploader's item of `day`; → the ids claimed anew."""
    claim, start = Claim(ids, holder), datetime.fromordinal(day).replace(tzinfo=timezone.utc)
    try:
        old = _client().update_item(
            TableName=BaseItem.Meta.table_name, Key=_key(owner, day),
            UpdateExpression="SET #t = :t, #s = :s, #e = :e, " + ", ".join(claim.sets),
            ConditionExpression=claim.condition, ReturnValues="UPDATED_OLD",
            ExpressionAttributeNames={**claim.names, "#t": "type", "#s": "window_start",
                                      "#e": "expires_at"},
            ExpressionAttributeValues={
                **claim.values, ":t": {"S": "throttle"}, ":s": {"S": iso(start)},
                ":e": {"N": str(int((start + DAY_ITEM_KEEP).timestamp()))}})
    except _client().exceptions.ConditionalCheckFailedException:
        item = _client().get_item(TableName=BaseItem.Meta.table_name, Key=_key(owner, day),
                                  ConsistentRead=True).get("Item") or {}
        raise claim.refusal(item) or PhotoTaken(ids) from None  # let go meanwhile
    return claim.anew(old.get("Attributes") or {})


def unclaim_on_day(owner: str, day: int, ids: list[str], holder: str) -> None:
    """Remove `holder`'s claims of `ids` from the uploader's item of `day`."""
    for file_id in ids:  # each alone: one may have been taken over meanwhile
        try:
            _client().update_item(
                TableName=BaseItem.Meta.table_name, Key=_key(owner, day),
                UpdateExpression="REMOVE #p", ConditionExpression="#p = :h",
                ExpressionAttributeNames={"#p": _attribute(file_id)},
                ExpressionAttributeValues={":h": {"S": holder}})
        except _client().exceptions.ConditionalCheckFailedException:
            continue  # not this holder's (already let go): nothing to undo


def _attribute(file_id: str) -> str:
    return f"photo#{file_id}"


def _key(owner: str, day: int) -> dict:
    start = datetime.fromordinal(day).replace(tzinfo=timezone.utc)
    return {"pk": {"S": window_pk(day_subject(owner), window=DAY, now=start)},
            "sk": {"S": keys.META}}


def _client():
    return BaseItem._get_connection().connection.client
