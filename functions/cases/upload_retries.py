"""An upload sent with an Idempotency-Key: a phone's retry after a lost answer gets the
first answer back, with no second file and no second count against the allowance.

The file id derives from the caller, the key and the UTC day, so the FILE item's
`attribute_not_exists(pk)` write is what parallel tries of one key race on, and a retry
finds the file in the read of the caller (the day's id and the day before's: a retry across
UTC midnight). The record goes first, the file after (never two files' bytes under one id);
its sha256 tells a retry from the same key with another file (409, nothing stored). A
record without its file is a try still storing it (waited for, then 409: retry), or one
that died (older than DEAD_AFTER): a retry the same day stores the file, one the day after
makes a new upload, as it does when the unattached file was removed after its day. The
stored answer stands while the file is there, attached since or not: an attached photo
still belongs to what attached it first (functions/cases/photo_claims.py).
"""
import hashlib
import time
from datetime import datetime, timedelta

from pynamodb.exceptions import PutError

from functions.cases import upload_allowance, uploads
from functions.shared.idempotency import sent_key
from functions.cases.submission_retries import TWIN_WAITS
from functions.channels import files
from functions.identity.access import claims_actor_id
from functions.shared.clock import parse_iso
from functions.shared.errors import RateLimited, key_in_use, key_reused
from functions.shared.ids import derived_id
from functions.storage import keys, prefetch
from functions.storage.conditions import is_condition_failure
from functions.storage.models import UploadItem

# Longer than any request may run (API Gateway 29 s, gunicorn 60 s): a record this old
# without its file is a try that died between the two, never one still storing it.
DEAD_AFTER = timedelta(minutes=2)


def file_ids(owner_id: str, key: str, now: datetime) -> list[str]:
    """The file this key makes on `now`'s UTC day, then the one it made the day before."""
    middle, today = derived_id("upload", owner_id, key)[:11], now.date().toordinal()
    return [uploads.file_id_of(owner_id, day, middle) for day in (today, today - 1)]


def read_ahead_pks(claims: dict, key: str | None, now: datetime) -> list[str]:
    """The FILE items a usable key may have made, to read with the caller (token claims)."""
    key = sent_key(key)
    if key is None:
        return []
    return [keys.upload_pk(f) for f in file_ids(claims_actor_id(claims), key, now)]


def store(*, owner_id: str, key: str, data: bytes, now: datetime, digest: str | None = None,
          read_first: bool = True) -> tuple[dict, bool]:
    """Keep the photo this key stands for: (the answer, True) when stored now, (the
    first answer, False) when an earlier try of the key stored it. `digest`: the bytes'
    sha256 if known. `read_first=False`: no read before the FILE item's conditional write,
    which still finds a try of the key that day (a form's photos: a retry is rare, and
    the read would cost every first post a call)."""
    real_type = uploads.checked_type(data)
    digest = digest or hashlib.sha256(data).hexdigest()
    today, yesterday = file_ids(owner_id, key, now)
    if not read_first:
        return _new(owner_id, today, data, real_type, digest, now)
    found = _records([today, yesterday])
    for file_id in (today, yesterday):
        if found[file_id] is not None:
            earlier = _earlier(found[file_id], digest, data, now, today=file_id == today)
            if earlier is not None:
                return earlier, False
            break  # yesterday's, removed: a new upload today
    return _new(owner_id, today, data, real_type, digest, now)


def _new(owner_id: str, file_id: str, data: bytes, real_type: str, digest: str,
         now: datetime) -> tuple[dict, bool]:
    try:
        upload_allowance.count(owner_id, len(data), now)
    except RateLimited:  # the day's last place may be a parallel try's of this very key
        twin = _records([file_id])[file_id]
        if twin is None:
            raise
        return _earlier(twin, digest, data, now, today=True), False
    record = uploads.record(file_id, owner_id=owner_id, content_type=real_type, data=data,
                            now=now, content_sha256=digest)
    try:
        record.save(condition=UploadItem.pk.does_not_exist())
    except PutError as exc:
        upload_allowance.give_back(owner_id, len(data), now)
        if not is_condition_failure(exc):
            raise
        twin = _records([file_id])[file_id]  # a parallel try of the key wrote it first
        if twin is None:  # and gave up storing its file meanwhile
            raise key_in_use() from None
        return _earlier(twin, digest, data, now, today=True), False
    try:
        files.active().put(record.storage_key, data, real_type, pending=True)
    except Exception:  # nothing stored: a retry is a new upload, not counted twice
        # The record first: left there (the store away too), it says its try was counted.
        record.delete()
        upload_allowance.give_back_after_failure(owner_id, len(data), now)
        raise
    return uploads.answer(file_id, real_type, len(data)), True


def _earlier(record: UploadItem, digest: str, data: bytes, now: datetime, *,
             today: bool) -> dict | None:
    """The answer of the upload `record` stands for; None: it is gone and a new upload
    replaces it (a record of the day before whose file is removed)."""
    if record.content_sha256 != digest:
        raise key_reused("file")
    store = files.active()
    answer = uploads.answer(record.file_id, record.content_type, int(record.size))
    if now - parse_iso(record.created_at) < DEAD_AFTER:
        for pause in (0, *TWIN_WAITS):  # its try may be storing the file right now
            time.sleep(pause)
            if store.exists(record.storage_key):
                return answer
        raise key_in_use()
    if store.exists(record.storage_key):
        return answer
    if not today:
        return None
    # Its try died between record and file: nothing else can store it now, so this does
    # (it was counted then).
    store.put(record.storage_key, data, record.content_type, pending=True)
    return answer


def _records(file_ids: list[str]) -> dict[str, UploadItem | None]:
    """The FILE items of these ids: read ahead with the caller, or in one consistent read."""
    found, unread = {}, []
    for file_id in file_ids:
        read_ahead, item = prefetch.take(keys.upload_pk(file_id))
        if read_ahead:
            found[file_id] = item
        else:
            unread.append(file_id)
    if unread:
        items = prefetch.read([(keys.upload_pk(f), keys.META) for f in unread])
        found.update({f: items[keys.upload_pk(f)] for f in unread})
    return {f: (item if isinstance(item, UploadItem) else None) for f, item in found.items()}
