"""The Idempotency-Key header as every create and move reads it: 1–100 characters."""
from functions.shared.errors import ValidationFailed


def usable_key(value: str | None) -> str | None:
    """The Idempotency-Key header, if one was sent; 400 if it is unusable."""
    if value is None:
        return None
    if sent_key(value) is None:
        raise ValidationFailed("an Idempotency-Key header has 1–100 characters",
                               {"Idempotency-Key": "1–100 characters"})
    return value.strip()


def sent_key(value: str | None) -> str | None:
    """The Idempotency-Key header stripped if it is usable (1–100 characters), else None:
    for a read ahead of the caller, before the request is checked (no 400 here)."""
    key = value.strip() if isinstance(value, str) else ""
    return key if 0 < len(key) <= 100 else None
