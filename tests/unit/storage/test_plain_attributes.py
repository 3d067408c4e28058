"""Plain maps and lists go to DynamoDB's typed JSON exactly as boto3's serializer writes them."""
import math
from decimal import Decimal

import pytest
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from functions.storage.plain_attributes import PlainListAttribute, PlainMapAttribute

VALUES = [{"name": "南门社区", "n": 3, "ratio": 2.5, "tiny": 1e-7, "big": 12345678901234567890,
           "gone": None, "flags": [True, False, None, "", 0], "nested": {"id": "u1", "x": [-3]}},
          {}, {"whole": 3.0, "neg": -0.25}]


@pytest.mark.parametrize("value", VALUES)
def test_a_map_is_written_as_boto3_writes_it_and_read_back_plain(value):
    expected = TypeSerializer().serialize({k: _decimals(v) for k, v in value.items()
                                           if v is not None})["M"]
    stored = PlainMapAttribute().serialize(value)
    assert stored == expected
    back = PlainMapAttribute().deserialize(stored)
    assert back == {k: v for k, v in value.items() if v is not None}
    assert isinstance(back.get("n", 0), int) and isinstance(back.get("whole", 3), int)


def test_a_list_reads_back_what_boto3_would_deserialize_as_plain_values():
    value = [1, 2.25, "a", None, {"x": [1, {"y": "z"}]}]
    stored = PlainListAttribute().serialize(value)
    assert stored == TypeSerializer().serialize(_decimals(value))["L"]
    assert TypeDeserializer().deserialize({"L": stored})[1] == Decimal("2.25")
    assert PlainListAttribute().deserialize(stored) == value


@pytest.mark.parametrize("bad", [math.nan, math.inf, object(), b"bytes"])
def test_what_is_not_a_plain_finite_value_is_refused(bad):
    with pytest.raises(TypeError):
        PlainMapAttribute().serialize({"a": bad})


def _decimals(value):
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: _decimals(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_decimals(v) for v in value]
    return value
