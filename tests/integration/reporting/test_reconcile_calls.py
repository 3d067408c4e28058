"""A reconcile of cases the API wrote finds nothing behind: it reads the region's cases a
page per Query and the links they should have a batch per page, and a second run right
after the first writes nothing but the region's dashboard rollup."""
from collections import Counter
from datetime import datetime, timezone

import pytest

from functions.cases import repository as case_repository
from functions.reporting import recount as reconcile
from functions.shared import clock
from functions.storage import keys
from functions.storage.models import CaseItem, CoUnitLinkItem
from tests.case_fixtures import cast  # noqa: F401
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # Monday 10:00 in Beijing
WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"}


def api_cases(cast) -> list[str]:
    """Cases in every kind of state the API leaves: lists, filters, co-units, extension."""
    clock.set_now(T0)
    ids = [cast.case_at(status) for status in
           ("submitted", "replied", "forwarded", "answered", "closed", "rejected")]
    ids.append(cast.case_at("closed", public=True))  # published: its public entries too
    co_handled = cast.case_at("forwarded")
    cast.office.ok("POST", f"/api/v1/cases/{co_handled}/assign", json={
        "unit_id": "u-housing", "co_unit_ids": ["u-transport", "u-agriculture"]})
    extended = cast.case_at("assigned")
    cast.unit.ok("POST", f"/api/v1/cases/{extended}/extension",
                 headers={"Idempotency-Key": "ext-calls"},
                 json={"working_days": 5, "reason": "需协调供电公司"})
    return ids + [co_handled, extended]


def test_no_case_the_api_wrote_looks_behind(cast):
    for case_id in api_cases(cast):
        item = CaseItem.get(keys.case_pk(case_id), keys.META)
        assert not reconcile._behind(item, case_repository.from_item(item)), case_id


def test_a_second_reconcile_writes_nothing_and_reads_a_page_at_a_time(cast):
    api_cases(cast)
    with StoreCallCounter() as counter:
        reconcile.run(now=T0)
        first = counter.take()
        result = reconcile.run(now=T0)
        calls = counter.take()
    # not even the first night rewrites a case or a queue link the API wrote
    assert [c.operation for c in first if c.key == "CASE" and c.operation in WRITES] == []
    assert result["demo"]["status"] == "done" and result["demo"]["cases"] >= 9
    writes = Counter(f"{c.operation} {c.key}" for c in calls if c.operation in WRITES)
    # the dashboard's rollup, once per region (one conditional UpdateItem, was a PutItem:
    # it writes its figures only over older ones, else its words alone, a second call
    # only then), and the mark that has the drain sum the region again a minute later
    # (functions/reporting/dashboard_rollups.py)
    assert writes == Counter({"UpdateItem ROLLUP": 1, "UpdateItem COUNTERS": 1})
    case_reads = Counter(f"{c.operation}[{c.index}]" for c in calls
                         if c.key == "CASE" and c.operation not in WRITES)
    assert case_reads == Counter({"BatchGetItem[None]": 1})  # the page's queue links


def test_a_link_left_in_another_place_by_an_older_case_version_is_put_right(cast):
    co_handled = api_cases(cast)[-2]
    key = (keys.case_pk(co_handled), keys.co_unit_sk("u-transport"))
    link = CoUnitLinkItem.get(*key)
    right_place, version = link.gsi3sk, link.case_version
    link.gsi3sk, link.case_version = "forwarded#" + right_place.split("#", 1)[1], version - 1
    link.save()
    reconcile.run(now=T0)
    healed = CoUnitLinkItem.get(*key)
    assert healed.gsi3sk == right_place and healed.case_version > version - 1
