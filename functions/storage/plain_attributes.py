"""Attributes that hold plain JSON-like dicts and lists as native DynamoDB maps/lists.

PynamoDB's raw MapAttribute hands back MapAttribute objects; the use cases want plain
values they can return as JSON, so these convert at the boundary.
"""
from decimal import Decimal

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from pynamodb.attributes import Attribute
from pynamodb.constants import LIST, MAP

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def _to_store(value):
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: _to_store(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_to_store(v) for v in value]
    return value


def _from_store(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _from_store(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_store(v) for v in value]
    return value


class PlainMapAttribute(Attribute[dict]):
    attr_type = MAP

    def serialize(self, value):
        return _serializer.serialize(_to_store(value))[MAP]

    def deserialize(self, value):
        return _from_store(_deserializer.deserialize({MAP: value}))


class PlainListAttribute(Attribute[list]):
    attr_type = LIST

    def serialize(self, value):
        return _serializer.serialize(_to_store(list(value)))[LIST]

    def deserialize(self, value):
        return _from_store(_deserializer.deserialize({LIST: value}))
