"""Photo uploads: only real JPEG/PNG/WEBP, ids that prove their owner without a read.

A new upload is pending: unless a case (or its progress or answer) attaches it by the end
of the UTC day after its upload day, it is removed then (the bucket's rule; locally the
reminder sweep), and attaching it later is refused as expired (from 5 minutes before:
functions/channels/file_rules.py); any attaching is refused after the week that follows
its upload day (functions/cases/photo_claims.py).

Its FILE item expires (TTL) at the end of the UTC day after its upload day, when the
bucket's rule removes the file if unattached; only a retry of its key reads it, and
never that late (`record_expires`).

A file id is `f<day><random>.<mac>`, the mac an HMAC of the owner and the part before it,
so a use case attaching photos to a case checks ownership from the id alone, and the
storage key follows from the id, so links need no read either.
"""
import hashlib
import hmac
import io
import re
import warnings
from datetime import datetime, timezone

from functions.cases import upload_allowance
from functions.channels import file_rules, files
from functions.shared.clock import iso, now as clock_now
from functions.shared.config import settings
from functions.shared.errors import PayloadTooLarge, ValidationFailed
from functions.shared.ids import new_id
from functions.storage import keys
from functions.storage.models import UploadItem

_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# What Pillow's JPEG opener may call a JPEG: a dual-camera phone's MPO is a JPEG with more
# pictures after the first, and shows as a JPEG everywhere.
_KINDS = {**_TYPES, "MPO": "image/jpeg"}
MAX_PIXELS = 40_000_000
_FILE_ID = re.compile(r"^f[0-9a-f]{16}\.[0-9a-f]{20}$")


def store_upload(*, owner_id: str, filename: str | None, content_type: str | None,
                 data: bytes, now: datetime | None = None) -> dict:
    """Keep one photo of `owner_id`; the name and declared type are not trusted.
    (With an Idempotency-Key: functions/cases/upload_retries.py.)"""
    real_type = checked_type(data)
    now = now or clock_now()
    upload_allowance.count(owner_id, len(data), now)
    file_id = file_id_of(owner_id, now.date().toordinal(), new_id()[:11])
    key = storage_key(file_id)
    try:
        # Object first, record last: a failure in between leaves an unreferenced object
        # only, removed after a day as never attached.
        files.active().put(key, data, real_type, pending=True)
        record(file_id, owner_id=owner_id, content_type=real_type, data=data, now=now).save(
            condition=UploadItem.pk.does_not_exist())
    except Exception:  # answered 503 or 500: no photo, so not counted either
        upload_allowance.give_back_after_failure(owner_id, len(data), now)
        raise
    return answer(file_id, real_type, len(data))


def checked_type(data: bytes) -> str:
    """The real type of an acceptable photo; 413 or 400 for anything else."""
    limit = settings().max_upload_bytes
    if len(data) > limit:
        limit_mb = limit // (1024 * 1024)
        raise PayloadTooLarge("file too large", {"file": f"at most {limit_mb} MB"})
    return _image_type(data)


def record(file_id: str, *, owner_id: str, content_type: str, data: bytes,
           now: datetime, content_sha256: str | None = None) -> UploadItem:
    """The FILE item of an upload (not saved yet); `content_sha256` of its bytes, which
    tells a keyed upload's retry from another file (functions/cases/upload_retries.py)."""
    return UploadItem(pk=keys.upload_pk(file_id), sk=keys.META, file_id=file_id,
                      owner_id=owner_id, content_type=content_type, size=len(data),
                      storage_key=storage_key(file_id), created_at=iso(now),
                      content_sha256=content_sha256, expires_at=record_expires(now))


def record_expires(now: datetime) -> datetime:
    """When the FILE item of an upload made at `now` may go: when its file, unattached, is
    removed (the end of the next UTC day); a retry reads its key's items of today and
    yesterday only, so never then."""
    return file_rules.pending_removal(now)


def answer(file_id: str, content_type: str, size: int) -> dict:
    """What POST /uploads answers for a stored file (a fresh link each time)."""
    return {"file_id": file_id, "url": files.active().url(storage_key(file_id)),
            "content_type": content_type, "size": size}


def keep_photos(file_ids: list[str], now: datetime) -> list[str]:
    """These uploads are being attached: they stay. Called before the write that attaches
    them, so a photo of a stored case is never removed (a failed write leaves one kept; a
    keep that fails raises, 503 for an outage, and nothing is written).
    → those not to attach: removed (left unattached past the next UTC day), or still
    pending when their removal is due at `now` or nearly (file_rules.too_late_to_keep)."""
    store = files.active()
    return [f for f in file_ids or [] if not store.keep(
        storage_key(f), too_late=file_rules.too_late_to_keep(pending_removal(f), now))]


def pending_removal(file_id: str) -> datetime:
    """When the upload, if still unattached, is removed (from the day in its id)."""
    day = datetime.fromordinal(max(upload_day(file_id), 1)).replace(tzinfo=timezone.utc)
    return file_rules.pending_removal(day)


def owns(file_id: str, owner_id: str) -> bool:
    """True when `file_id` was handed out to `owner_id` by `store_upload`."""
    if not isinstance(file_id, str) or not _FILE_ID.match(file_id):
        return False
    random_part, mac = file_id.split(".")
    return hmac.compare_digest(_mac(owner_id, random_part), mac)


def photo_urls(file_ids: list[str]) -> list[dict]:
    """Fresh links for stored photos, in order, without reading the store."""
    store = files.active()
    return [{"file_id": file_id, "url": store.url(storage_key(file_id))}
            for file_id in file_ids]


def storage_key(file_id: str) -> str:
    if not isinstance(file_id, str) or not _FILE_ID.match(file_id):
        raise ValidationFailed("unknown photo", {"photos": "not a file id from uploads"})
    return f"uploads/{file_id}"


def file_id_of(owner_id: str, day: int, middle: str) -> str:
    """The id of `owner_id`'s upload of `day` (a date ordinal); `middle`: 11 hex digits,
    random, or derived from an Idempotency-Key."""
    # The upload day leads the random part, so a photo's claim is kept on its uploader's
    # item of that day, and its age is known, without a read
    # (functions/cases/photo_day_claims.py).
    random_part = f"f{day:05x}{middle}"
    return f"{random_part}.{_mac(owner_id, random_part)}"


def upload_day(file_id: str) -> int:
    """The upload's day number, read from its id (older ids give some other number)."""
    return int(storage_key(file_id)[len("uploads/f"):][:5], 16)


def _mac(owner_id: str, random_part: str) -> str:
    secret = settings().secret_key.encode()
    message = f"upload\x1f{owner_id}\x1f{random_part}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:20]


def _image_type(data: bytes) -> str:
    """The real type from the bytes themselves; anything else is refused."""
    problem = {"file": "must be a JPEG, PNG or WEBP image"}
    if not data:
        raise ValidationFailed("empty file", {"file": "empty"})
    # Imported here: Pillow is heavy, and a cold API function should not pay for it before
    # its first upload.
    from PIL import Image, UnidentifiedImageError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(_TYPES)) as image:
                kind = image.format
                width, height = image.size
                image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning, OSError, SyntaxError, ValueError) as exc:
        raise ValidationFailed("not an image", problem) from exc
    if kind not in _KINDS:
        raise ValidationFailed("not an image", problem)
    if width * height > MAX_PIXELS:
        raise ValidationFailed("image too large", {"file": "at most 40 megapixels"})
    return _KINDS[kind]
