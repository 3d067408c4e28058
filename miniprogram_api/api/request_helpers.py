"""Reading the caller and the JSON body the same way in every route."""
import json

from flask import g, request

from functions.identity import tokens as auth_tokens
from functions.shared import clock
from functions.shared.errors import Unauthorized, ValidationFailed


def actor() -> dict:
    """The verified claims of the bearer token; 401 without a valid one."""
    if "actor" not in g:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("log in first: send Authorization: Bearer <token>")
        g.actor = auth_tokens.verify(token.strip())
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
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationFailed("the body must be a JSON object", {"body": "invalid JSON"})
    try:  # "\ud800" is valid JSON but no text: it could never be stored or sent on
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationFailed("text must be valid Unicode",
                               {"body": "contains a lone surrogate"}) from None
    return data


def now():
    return clock.now()
