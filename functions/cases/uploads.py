"""Photo uploads: only real JPEG/PNG/WEBP, ids that prove their owner without a read.

A file id is `<random>.<mac>`, the mac an HMAC of the owner and the random part, so a
use case attaching photos to a case checks ownership from the id alone, and the storage
key follows from the id, so links need no read either.
"""
import hashlib
import hmac
import io
import re
import warnings
from datetime import datetime

from PIL import Image, UnidentifiedImageError

from functions.channels import files
from functions.shared.clock import iso, now as clock_now
from functions.shared.config import settings
from functions.shared.errors import PayloadTooLarge, ValidationFailed
from functions.shared.ids import new_id
from functions.storage import keys
from functions.storage.models import UploadItem

_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_FILE_ID = re.compile(r"^f[0-9a-f]{16}\.[0-9a-f]{20}$")


def store_upload(*, owner_id: str, filename: str | None, content_type: str | None,
                 data: bytes, now: datetime | None = None) -> dict:
    """Keep one photo of `owner_id`; the name and declared type are not trusted."""
    limit = settings().max_upload_bytes
    if len(data) > limit:
        limit_mb = limit // (1024 * 1024)
        raise PayloadTooLarge("file too large", {"file": f"at most {limit_mb} MB"})
    real_type = _image_type(data)
    file_id = _new_file_id(owner_id)
    key = storage_key(file_id)
    store = files.active()
    # Object first, record last: a crash in between leaves an unreferenced object only.
    store.put(key, data, real_type)
    UploadItem(pk=keys.upload_pk(file_id), sk=keys.META, file_id=file_id, owner_id=owner_id,
               content_type=real_type, size=len(data), storage_key=key,
               created_at=iso(now or clock_now())).save(condition=UploadItem.pk.does_not_exist())
    return {"file_id": file_id, "url": store.url(key), "content_type": real_type,
            "size": len(data)}


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


def _new_file_id(owner_id: str) -> str:
    random_part = new_id("f")
    return f"{random_part}.{_mac(owner_id, random_part)}"


def _mac(owner_id: str, random_part: str) -> str:
    secret = settings().secret_key.encode()
    message = f"upload\x1f{owner_id}\x1f{random_part}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:20]


def _image_type(data: bytes) -> str:
    """The real type from the bytes themselves; anything else is refused."""
    problem = {"file": "must be a JPEG, PNG or WEBP image"}
    if not data:
        raise ValidationFailed("empty file", {"file": "empty"})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(_TYPES)) as image:
                kind = image.format
                image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning, OSError, SyntaxError, ValueError) as exc:
        raise ValidationFailed("not an image", problem) from exc
    if kind not in _TYPES:
        raise ValidationFailed("not an image", problem)
    return _TYPES[kind]
