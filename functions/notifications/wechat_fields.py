"""Fitting values into WeChat subscription-message fields, whose limits depend on the kind.

A field's kind is its key without the trailing number (`thing1` → `thing`). WeChat
refuses the whole message (47003) when one value breaks its kind's rules, so values
are cut to fit rather than sent as they are.
"""
import re
from datetime import date, datetime

from functions.shared.moments import SHANGHAI

ELLIPSIS = "…"
MAX_LENGTH = {
    "thing": 20, "phrase": 5, "name": 10, "character_string": 32, "number": 32,
    "letter": 32, "phone_number": 17, "car_number": 8,
}
# Characters a kind may not contain at all; they are dropped, not cut around.
_NOT_ALLOWED = {
    "character_string": re.compile(r"[^\x21-\x7e]"),
    "number": re.compile(r"[^0-9.]"),
    "letter": re.compile(r"[^A-Za-z]"),
    "phone_number": re.compile(r"[^0-9+\-() ]"),
}
_WHITESPACE = re.compile(r"\s+")


def kind_of(key: str) -> str:
    """`thing12` → `thing`."""
    return key.rstrip("0123456789")


def fit(kind: str, value) -> str:
    """`value` as a string WeChat accepts for a field of `kind`."""
    if kind in ("time", "date"):
        return _moment(kind, value)
    if kind not in MAX_LENGTH:
        raise ValueError(f"unknown field kind {kind!r}")
    text = _WHITESPACE.sub(" ", str(value if value is not None else "")).strip()
    if kind in _NOT_ALLOWED:
        return _NOT_ALLOWED[kind].sub("", text)[:MAX_LENGTH[kind]]
    limit = MAX_LENGTH[kind]
    if kind == "name" and text.isascii():
        limit = 20  # names in Latin letters may be twice as long
    if len(text) <= limit:
        return text
    # Free text is cut with an ellipsis so the reader sees it continues.
    return text[:limit - 1] + ELLIPSIS if kind == "thing" else text[:limit]


def fit_data(data: dict) -> dict:
    """`{"thing1": "...", "time2": datetime}` → WeChat's `{"thing1": {"value": ...}, ...}`."""
    return {key: {"value": fit(kind_of(key), value)} for key, value in data.items()}


def _moment(kind: str, value) -> str:
    if isinstance(value, datetime):
        local = value.astimezone(SHANGHAI) if value.tzinfo else value
        day = f"{local.year}年{local.month}月{local.day}日"
        return day if kind == "date" else f"{day} {local:%H:%M}"
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return _WHITESPACE.sub(" ", str(value)).strip()
