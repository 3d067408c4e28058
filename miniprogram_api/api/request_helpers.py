"""Reading the caller and the JSON body the same way in every route."""
import json
import re

from flask import g, request

from functions.identity import tokens as auth_tokens, principals
from functions.shared import clock
from functions.shared.errors import Unauthorized, ValidationFailed
from functions.storage import keys

MAX_JSON_DEPTH = 20
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(rb"[\[\]{}]")


def token_claims() -> dict:
    """The verified claims of the bearer token (principal, generation); 401 without."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("log in first: send Authorization: Bearer <token>")
    return auth_tokens.verify(token.strip())


def actor(*, case_id: str | None = None, entry_code: str | None = None,
          also: list[str] = ()) -> dict:
    """The caller as the store has them now; 401 without a valid, live session.

    The case or entry the request is about (or other items, by pk `also`) is read in the
    same store call and kept for the use case (functions/storage/prefetch.py).
    """
    if "actor" not in g:
        also = list(also)
        if case_id is not None and keys.plausible_id(case_id):
            also.append(keys.case_pk(case_id))
        if isinstance(entry_code, str) and entry_code.strip().isalnum() \
                and len(entry_code.strip()) <= 32:
            also.append(keys.entry_pk(entry_code.strip().upper()))
        g.actor = principals.load_actor(token_claims(), *also)
    return g.actor


def optional_actor() -> dict | None:
    """The caller's claims if a token is sent (a bad one is still 401), else None."""
    if not request.headers.get("Authorization"):
        return None
    return actor()


def json_body(required: bool = True) -> dict:
    """The request's JSON object; 400 for anything else."""
    if not request.get_data(cache=True):
        if required:
            raise ValidationFailed("a JSON object body is required", {"body": "required"})
        return {}
    if not request.is_json:
        raise ValidationFailed("send Content-Type: application/json",
                               {"body": "must be JSON"})
    if _nesting(request.get_data(cache=True, as_text=False)) > MAX_JSON_DEPTH:
        raise ValidationFailed(f"JSON nested deeper than {MAX_JSON_DEPTH} levels",
                               {"body": "nested too deep"})
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationFailed("the body must be a JSON object", {"body": "invalid JSON"})
    try:  # "\ud800" is valid JSON but no text: it could never be stored or sent on
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationFailed("text must be valid Unicode",
                               {"body": "contains a lone surrogate"}) from None
    return data


def _nesting(raw: bytes) -> int:
    """How deep brackets nest in a JSON text, outside strings (checked before parsing)."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_JSON_DEPTH:
        return 0
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub(b"", raw)):
        depth += 1 if bracket in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


def now():
    return clock.now()
