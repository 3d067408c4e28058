"""An upload belongs to one thing: the first case, duty record or project to attach it.

A photo may be attached on its upload day and the ATTACHABLE_DAYS after (the day is read
from its file id: no read); later it is refused (`PhotoExpired`, 400). Its claim lives on
its uploader's item of that UTC day: the citizen's submission-window item
(functions/cases/submission_limits.py), one attribute `photo#<file id>` naming the holder
(`case:<id>`, `duty:<id>`, `project:<id>`). That item lives DAY_ITEM_KEEP from its day's
start, longer than any of its photos can be attached, so a claim is never gone while its
photo could still be attached elsewhere. A new case claims its photos of the submission
day in the submission limits' own conditional write (`Claim`); photos of another day
(uploaded just before midnight UTC), duty records and progress claim on their day's item
alone, one conditional write per day. Each photo must be unclaimed or already this
holder's: a retry of the same request attaches them again; any other holder gets 409
`conflict` naming them. A request refused, or failing (503, 500), lets go what it claimed
anew and its record does not show (`let_go_after_failure`). A day item holds at most the
100 uploads of a day: far below DynamoDB's 400 KB.
"""
import logging
from collections import defaultdict
from datetime import datetime, timedelta, timezone

from functions.identity.throttle import window_pk
from functions.shared.clock import iso
from functions.shared.errors import Conflict, ValidationFailed
from functions.storage import keys
from functions.storage.models import BaseItem

ATTACHABLE_DAYS = 7  # (one never attached goes at the end of the day after: uploads.py)
DAY = timedelta(days=1)
DAY_ITEM_KEEP = DAY * (ATTACHABLE_DAYS + 1) + DAY * 2  # the last attachable day + margin
log = logging.getLogger(__name__)


class PhotoTaken(Conflict):
    """Some photos already belong to something else; `file_ids` names them."""

    def __init__(self, file_ids: list[str]):
        super().__init__("a photo is already attached to something else",
                         {"photos": "already attached elsewhere: " + ", ".join(file_ids)})
        self.file_ids = file_ids


class PhotoExpired(ValidationFailed):
    """Some photos were uploaded too long ago to be attached; `file_ids` names them."""

    def __init__(self, file_ids: list[str]):
        super().__init__("a photo was uploaded too long ago", {
            "photos": f"uploaded more than {ATTACHABLE_DAYS} days ago, or left unattached "
                      "past the day after its upload, upload it again: "
                      + ", ".join(file_ids)})
        self.file_ids = file_ids


def day_subject(owner: str) -> str:
    """The subject of an uploader's (citizen's) day item: submission windows and claims."""
    return f"submit#{owner}"


def expired(file_ids, now: datetime) -> list[str]:
    """The photos that may no longer be attached (uploaded more than ATTACHABLE_DAYS ago)."""
    from functions.cases.uploads import upload_day
    today = now.date().toordinal()
    return [f for f in file_ids or [] if today - upload_day(f) > ATTACHABLE_DAYS]


def by_day(file_ids) -> dict[int, list[str]]:
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


def attach_photos(file_ids: list[str] | None, *, owner: str, holder: str, now: datetime,
                  shown=(), read_record=lambda: None) -> list[str]:
    """Claim the owner's uploads for `holder` and keep their files; refuse them all if one
    is expired, removed or taken (what this call claimed on another day is let go again). `shown`:
    photos `holder` already shows (claimed before, so neither checked nor claimed again).
    A keep that fails lets go what this call claimed unless `read_record()` (the holder's
    record as stored now, or None) shows it. → the photos claimed anew."""
    new = [f for f in file_ids or [] if f not in set(shown)]
    too_old = expired(new, now)
    if too_old:
        raise PhotoExpired(too_old)
    claimed = []
    for day, ids in by_day(new).items():
        try:
            claimed += claim_on_day(owner, day, ids, holder)
        except PhotoTaken:
            let_go(claimed, owner=owner, holder=holder)
            raise
    try:
        keep_files(file_ids, now)
    except PhotoExpired:  # removed unattached meanwhile: nothing is attached
        let_go(claimed, owner=owner, holder=holder)
        raise
    except Exception:  # S3 away (503) or refusing (500): nothing this call made shows them
        let_go_after_failure(claimed, read_record, owner=owner, holder=holder)
        raise
    return claimed


def keep_files(file_ids, now: datetime) -> None:
    """Keep the photos' files for good, before the write that shows them; PhotoExpired
    naming any removed or about to be (left unattached to the end of the day after their
    upload day), which must not be attached; a keep that fails raises (nothing shown)."""
    from functions.cases.uploads import keep_photos
    gone = keep_photos(file_ids, now)
    if gone:
        raise PhotoExpired(gone)


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


def let_go(file_ids: list[str], *, owner: str, holder: str) -> None:
    """Release uploads `holder` claimed but does not show (its request was refused)."""
    for day, ids in by_day(file_ids).items():
        for file_id in ids:  # each alone: one may have been taken over meanwhile
            try:
                _client().update_item(
                    TableName=BaseItem.Meta.table_name, Key=_key(owner, day),
                    UpdateExpression="REMOVE #p", ConditionExpression="#p = :h",
                    ExpressionAttributeNames={"#p": _attribute(file_id)},
                    ExpressionAttributeValues={":h": {"S": holder}})
            except _client().exceptions.ConditionalCheckFailedException:
                continue  # not this holder's (already let go): nothing to undo


def let_go_unshown(file_ids: list[str], record: dict, *, owner: str, holder: str) -> None:
    """Release what a refused request claimed anew for `holder`, but what `record` (as
    read after the refusal) shows: a parallel try of the same request saved it."""
    shown = set(record.get("photos") or []) | {
        p for e in record.get("timeline") or [] for p in e.get("photos") or []}
    let_go([f for f in file_ids if f not in shown], owner=owner, holder=holder)


def let_go_after_failure(file_ids: list[str], read_record, *, owner: str,
                         holder: str) -> None:
    """Release what a request that failed (503: S3 or the store away; 500) claimed anew
    for `holder`, unless the record as `read_record()` gives it now (None: none) shows
    them: a parallel try of the same request saved it, or the failed write was applied
    after all (a timeout). Never retried, the request would else leave the photos taken by
    something that does not exist; retried, it claims them again if still free. If the
    read or the release fails too (the store still away), the claims stay (logged): the
    retry of the request still attaches them."""
    if not file_ids:
        return
    try:
        let_go_unshown(file_ids, read_record() or {}, owner=owner, holder=holder)
    except Exception:
        log.warning("claims of %s on %s kept after a failed request", holder, file_ids,
                    exc_info=True)


def _attribute(file_id: str) -> str:
    return f"photo#{file_id}"


def _key(owner: str, day: int) -> dict:
    start = datetime.fromordinal(day).replace(tzinfo=timezone.utc)
    return {"pk": {"S": window_pk(day_subject(owner), window=DAY, now=start)},
            "sk": {"S": keys.META}}


def _client():
    return BaseItem._get_connection().connection.client
