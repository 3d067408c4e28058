"""benchmarks/list_reads.py measures every list against its own calls replayed bare
(timings are its output, not a test's: the machine is shared)."""
from datetime import datetime, timezone

import pytest

from benchmarks import list_reads
from functions.shared import clock

pytestmark = pytest.mark.integration


def test_the_benchmark_measures_each_list_page_with_its_bare_calls_and_whole_reads():
    clock.set_now(datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc))
    rows = {r["list"]: r for r in list_reads.measure(cases=8, runs=1)}
    assert set(rows) == {label for label, _, _ in list_reads.LISTS}
    # The caller and a page; the office's queue reads one key range per status it holds
    # (its own forwarded and submitted cases, extension requests of assigned and
    # in-progress ones), each at most a page long.
    most = {"GET /api/v1/staff/queue (office)": 5}
    for label, row in rows.items():
        assert row["rows"] > 0 and 1 <= row["calls"] <= most.get(label, 3), (label, row)
        assert row["bare_ms"] > 0 and row["ratio"] == row["request_ms"] / row["bare_ms"]
    assert rows["GET /api/v1/deputy/inbox"]["ops"][-2:] == ["Query", "BatchGetItem"]


def test_reading_whole_items_asks_for_every_attribute_and_keeps_the_other_names():
    projected = {"TableName": "t", "KeyConditionExpression": "#h = :h",
                 "ProjectionExpression": "#p0, #p1",
                 "ExpressionAttributeNames": {"#h": "gsi1pk", "#p0": "pk", "#p1": "summary"}}
    whole = list_reads._whole(projected)
    assert "ProjectionExpression" not in whole
    assert whole["ExpressionAttributeNames"] == {"#h": "gsi1pk"}
    batch = {"RequestItems": {"t": {"Keys": [], "ProjectionExpression": "#p0",
                                    "ExpressionAttributeNames": {"#p0": "pk"}}}}
    assert list_reads._whole(batch) == {"RequestItems": {"t": {"Keys": []}}}
