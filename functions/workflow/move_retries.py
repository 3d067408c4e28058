"""A move on a record with a timeline (a case, a suggestion) sent again with its
Idempotency-Key (a phone's network retry, a form posted twice): the timeline entry the
first try wrote keeps the key, so the retry finds it in the record already read and gets
the record back, without a second entry, notification or counter move, however late; the
same key with another request is 409.

The key kept is derived from the record's kind, the caller and the header, so one person's
key never matches another's entry; the request is kept as a digest of its body (photos
aside: they are on the entry itself). Pure: no storage.
"""
import hashlib
import json

from functions.shared.errors import key_reused
from functions.shared.ids import derived_id

RETRY_FIELDS = ("retry_key", "retry_body")  # what an entry keeps: never shown to anyone


def kept_key(kind: str, caller_id: str, key: str | None) -> str | None:
    """What the entry keeps of `caller_id`'s (checked) Idempotency-Key; None: none sent."""
    return derived_id(kind, caller_id, key) if key else None


def _digest(body: dict) -> str:
    text = {k: v for k, v in body.items() if k != "photos"}
    canonical = json.dumps(text, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:24]


def stamp(new: dict, key_kept: str | None, body: dict) -> None:
    """Mark the entry the move just added with its key and request."""
    if key_kept:
        new["timeline"][-1].update(retry_key=key_kept, retry_body=_digest(body))


def earlier_move(record: dict, action: str, key_kept: str | None, body: dict, *,
                 photos: bool = True) -> dict | None:
    """The entry this key already made, None if none; 409 if it was another request.
    `photos=False`: the body's photos are not compared with the entry's (a form's files
    not stored yet, or a record whose moves take none)."""
    if not key_kept:
        return None
    for entry in reversed(record.get("timeline") or []):
        if entry.get("retry_key") != key_kept:
            continue
        same = entry.get("action") == action and entry.get("retry_body") == _digest(body) \
            and (not photos or list(body.get("photos") or []) == list(entry.get("photos") or []))
        if not same:
            raise key_reused("move")
        return entry
    return None


def without_retry_fields(entry: dict) -> dict:
    """A timeline entry as a reader sees it."""
    return {k: v for k, v in entry.items() if k not in RETRY_FIELDS}
