"""Identifiers: short, unguessable, and easy to read aloud or type from paper."""
import hashlib
import secrets

# No 0/O, 1/I/L: codes are printed under QR codes and typed by hand.
_READABLE = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_id(prefix: str = "") -> str:
    return prefix + secrets.token_hex(8)


def readable_code(length: int = 8) -> str:
    return "".join(secrets.choice(_READABLE) for _ in range(length))


def derived_id(*parts: str) -> str:
    """A stable id from its parts: the same caller + Idempotency-Key → the same case id."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return digest[:20]
