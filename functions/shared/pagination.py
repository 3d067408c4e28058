"""`?limit=&cursor=` over DynamoDB queries. Cursors are signed: a client cannot steer a
query into another partition by editing one."""
from itsdangerous import BadSignature, URLSafeSerializer

from functions.shared.config import settings
from functions.shared.errors import ValidationFailed

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def _serializer():
    return URLSafeSerializer(settings().secret_key, salt="mashangban-cursor-v1")


def parse_limit(value) -> int:
    if value in (None, ""):
        return DEFAULT_LIMIT
    try:
        limit = int(value)
    except (TypeError, ValueError):
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed("invalid limit", {"limit": f"a number from 1 to {MAX_LIMIT}"})
    return limit


def decode_cursor(cursor: str | None, scope: str) -> dict | None:
    """The last evaluated key a cursor stands for, if it was issued for this `scope`."""
    if not cursor:
        return None
    try:
        data = _serializer().loads(cursor)
    except BadSignature:
        data = None
    if not isinstance(data, dict) or data.get("scope") != scope:
        raise ValidationFailed("invalid cursor", {"cursor": "not a cursor of this list"})
    return data["key"]


def encode_cursor(last_key: dict | None, scope: str) -> str | None:
    return _serializer().dumps({"scope": scope, "key": last_key}) if last_key else None


def page(query, *, scope: str, limit, cursor, view) -> dict:
    """Run `query(limit=, last_evaluated_key=)` and shape `{items, next_cursor}`."""
    size = parse_limit(limit)
    results = query(limit=size, page_size=size,
                    last_evaluated_key=decode_cursor(cursor, scope))
    items = [view(item) for item in results]
    last = results.last_evaluated_key if len(items) >= size else None
    return {"items": items, "next_cursor": encode_cursor(last, scope)}
