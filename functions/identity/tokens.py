"""Our own expiring bearer tokens. Opaque to clients; never the WeChat session_key.

A token names a principal and a session generation, nothing else: no openid, no roles.
Every request loads the principal's item and takes its current roles and state from it
(functions/principals.py), so a role granted or taken away counts at once, and bumping
the principal's generation (logout, deactivation, password reset) ends every token.
Expiry is checked against the one clock, so tests and `--now` see it too.
"""
from datetime import timedelta

from itsdangerous import BadSignature, URLSafeSerializer

from functions.shared.clock import iso, now as clock_now, parse_iso
from functions.shared.config import settings
from functions.shared.errors import Unauthorized

_SALT = "mashangban-token-v2"
KINDS = {"u": "user", "s": "staff"}


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(settings().secret_key, salt=_SALT)


def issue(*, kind: str, principal_id: str, generation: int) -> dict:
    """A token for the principal (`kind` user | staff) and when it expires."""
    expires_at = iso(clock_now() + timedelta(hours=settings().token_ttl_hours))
    letter = {name: letter for letter, name in KINDS.items()}[kind]
    token = _serializer().dumps([letter, principal_id, int(generation), expires_at])
    return {"token": token, "expires_at": expires_at}


def verify(token: str) -> dict:
    """`{kind, id, generation}` of a valid, unexpired token; Unauthorized otherwise."""
    try:
        claims = _serializer().loads(token)
    except BadSignature:
        raise Unauthorized("invalid token") from None
    if not isinstance(claims, list) or len(claims) != 4 or claims[0] not in KINDS:
        raise Unauthorized("invalid token")
    letter, principal_id, generation, expires_at = claims
    if parse_iso(expires_at) <= clock_now():
        raise Unauthorized("token expired, log in again")
    return {"kind": KINDS[letter], "id": principal_id, "generation": generation}
