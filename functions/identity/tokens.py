"""Our own expiring bearer tokens. Opaque to clients; never the WeChat session_key.

A token carries who the caller is and their roles, so checking it costs no store read.
Roles change only through calls that hand out a fresh token (login, deputy binding).
Expiry is checked against the one clock, so tests and `--now` see it too.
"""
from datetime import timedelta

from itsdangerous import BadSignature, URLSafeSerializer

from functions.shared.clock import iso, now as clock_now, parse_iso
from functions.shared.config import settings
from functions.shared.errors import Unauthorized

_SALT = "mashangban-token-v1"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(settings().secret_key, salt=_SALT)


def issue(claims: dict) -> dict:
    """A token for `claims` (`kind`: user | staff, plus identity) and when it expires."""
    expires_at = iso(clock_now() + timedelta(hours=settings().token_ttl_hours))
    token = _serializer().dumps({**claims, "exp": expires_at})
    return {"token": token, "expires_at": expires_at}


def verify(token: str) -> dict:
    """The claims of a valid, unexpired token; Unauthorized otherwise."""
    try:
        claims = _serializer().loads(token)
    except BadSignature:
        raise Unauthorized("invalid token") from None
    if not isinstance(claims, dict) or "exp" not in claims:
        raise Unauthorized("invalid token")
    if parse_iso(claims["exp"]) <= clock_now():
        raise Unauthorized("token expired, log in again")
    return claims
