"""Attributes that hold plain JSON-like dicts and lists as native DynamoDB maps/lists.

PynamoDB's raw MapAttribute hands back MapAttribute objects; the use cases want plain
values they can return as JSON, so these convert at the boundary. The conversion to and from
DynamoDB's typed JSON is done here (as boto3.dynamodb.types does, with its number context),
so no handler imports boto3 and its S3 transfer machinery just for this.
"""
from decimal import Clamped, Context, Decimal, Inexact, Overflow, Rounded, Underflow

from pynamodb.attributes import Attribute
from pynamodb.constants import LIST, MAP

# DynamoDB's numbers: 38 digits, exponents -130..125; anything it would round is refused.
_NUMBERS = Context(prec=38, Emin=-128, Emax=126,
                   traps=[Clamped, Inexact, Overflow, Rounded, Underflow])


def _typed(value) -> dict:
    """A plain value as DynamoDB typed JSON; None inside a map is left out."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, (int, float, Decimal)):
        number = _NUMBERS.create_decimal(Decimal(str(value)) if isinstance(value, float)
                                         else value)
        if not number.is_finite():
            raise TypeError("Infinity and NaN cannot be stored")
        return {"N": str(number)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, dict):
        return {MAP: {str(k): _typed(v) for k, v in value.items() if v is not None}}
    if isinstance(value, (list, tuple)):
        return {LIST: [_typed(v) for v in value]}
    raise TypeError(f"not a plain value: {type(value).__name__}")


def _plain(typed: dict):
    """DynamoDB typed JSON back to a plain value; whole numbers as int, others as float."""
    (kind, value), = typed.items()
    if kind == "N":
        number = _NUMBERS.create_decimal(value)
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == MAP:
        return {k: _plain(v) for k, v in value.items()}
    if kind == LIST:
        return [_plain(v) for v in value]
    if kind == "NULL":
        return None
    if kind in ("S", "BOOL", "B"):
        return value
    if kind in ("SS", "BS"):
        return set(value)
    if kind == "NS":
        return {_plain({"N": v}) for v in value}
    raise TypeError(f"unknown DynamoDB type {kind!r}")


class PlainMapAttribute(Attribute[dict]):
    attr_type = MAP

    def serialize(self, value):
        return _typed(value)[MAP]

    def deserialize(self, value):
        return _plain({MAP: value})


class PlainListAttribute(Attribute[list]):
    attr_type = LIST

    def serialize(self, value):
        return _typed(list(value))[LIST]

    def deserialize(self, value):
        return _plain({LIST: value})


def plain_item(raw: dict) -> dict:
    """A raw item (attribute name → typed value) as plain values, e.g. a projected read."""
    return {name: _plain(value) for name, value in raw.items()}
