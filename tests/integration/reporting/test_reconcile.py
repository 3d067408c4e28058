"""The nightly recount agrees with the counters the writes kept, repairs drift, never
loses an increment made while it runs, resets scopes left without cases and resumes."""
from datetime import datetime, timezone

import pytest

from functions.reporting import counters, recount as reconcile
from functions.cases import submission
from functions.identity import users
from functions.reporting.recount_state import load_state
from functions.storage import keys
from functions.storage.low_level import add_numbers, get_numbers
from infra.demo_cases import create_demo_cases
from tests.case_fixtures import cast  # noqa: F401

pytestmark = pytest.mark.integration
NOW = datetime(2026, 6, 3, 19, 0, tzinfo=timezone.utc)


@pytest.fixture
def demo_cases(seeded):
    return create_demo_cases(seeded["deputies"])


def recount(**kwargs) -> dict:
    return reconcile.recount_region("demo", now=NOW, **kwargs)


def submit_one(seeded, key: str) -> dict:
    citizen = {"kind": "user", "user_id": users.find_or_create(
        user_id=users.wechat_user_id(f"dev-{key}"), openid=f"dev-{key}").user_id,
        "roles": ["citizen"]}
    case, _ = submission.submit(actor=citizen, idempotency_key=key, now=NOW, body={
        "entry_code": seeded["deputies"][0]["entry_code"], "category": "other",
        "type": "request", "content": "夜里路灯不亮"})
    return case


def test_counters_kept_by_the_writes_need_no_repair(demo_cases):
    result = recount()
    assert (result["status"], result["cases"], result["repaired"]) == ("done", 4, 0)
    figures = counters.figures("REGION#demo")
    assert figures["total"] == 4
    assert {s: figures.get(f"status:{s}", 0) for s in
            ("submitted", "forwarded", "replied", "answered")} == {
        "submitted": 1, "forwarded": 1, "replied": 1, "answered": 1}


def test_a_counter_that_drifted_is_put_right(demo_cases):
    # A drift no write counted: as if a write's counter update had been applied twice.
    add_numbers(keys.counter_pk("REGION#demo"), {"total": 5, "status:closed": 2})
    reconcile.run(now=NOW)  # a fresh run: the markers it notes include that update
    figures = counters.figures("REGION#demo")
    assert figures["total"] == 4 and not figures.get("status:closed")
    from functions.reporting import rollups  # the dashboard reads the repaired figures
    rollup = rollups.read("demo")["data"]
    assert rollup["figures"]["total"] == 4 and not rollup["figures"].get("status:closed")
    assert rollup["figures_at"] == "2026-06-03T19:00:00Z"


def test_an_increment_made_while_the_recount_runs_is_never_lost(demo_cases, seeded):
    from functions.storage.models import CaseItem
    events = CaseItem._get_connection().connection.client.meta.events
    written = []

    def submit_after_the_first_page(params, **_):
        if params.get("IndexName") == "gsi6" and not written:
            written.append(submit_one(seeded, "during"))
    events.register("provide-client-params.dynamodb.Query", submit_after_the_first_page,
                    unique_id="during")
    try:
        result = recount(page=2)
    finally:
        events.unregister("provide-client-params.dynamodb.Query", unique_id="during")
    # The submit's one counter write lands on its deputy's item (the region's share too).
    assert written and result["moved_meanwhile"] == [f"DEPUTY#{written[0]['deputy_id']}"]
    assert counters.figures("REGION#demo")["total"] == 5  # the writes' own count stands
    assert recount()["moved_meanwhile"] == []  # the next night agrees with it
    assert counters.figures("REGION#demo")["total"] == 5


def test_figures_kept_by_older_code_on_the_region_item_move_to_the_deputies_items(demo_cases):
    """Before one write per move the region's item held all its figures and the deputies'
    items only their own. Right after the deploy the sum is already right (moves add to
    the deputies' shares from zero); the first recount moves the figures onto them."""
    before = _nonzero(counters.region_figures("demo"))
    _as_older_code_left_them()
    assert _nonzero(counters.region_figures("demo")) == before
    assert recount()["repaired"] > 0
    assert _nonzero(counters.region_figures("demo")) == before
    assert _nonzero(get_numbers(keys.counter_pk("REGION#demo"))) == {}  # `moves` aside


def _nonzero(figures: dict) -> dict:
    return {k: v for k, v in figures.items() if v and k != "moves"}


def _as_older_code_left_them() -> None:
    """The region's shares taken off its deputies' items and put on its own item."""
    from collections import Counter
    from functions.cases import repository
    region = Counter()
    for deputy_id in {case["deputy_id"] for case in repository.region_cases("demo")}:
        pk = keys.counter_pk(f"DEPUTY#{deputy_id}")
        share = {k: v for k, v in get_numbers(pk).items()
                 if k.startswith(counters.REGION_SHARE)}
        region.update({k[len(counters.REGION_SHARE):]: v for k, v in share.items()})
        add_numbers(pk, {k: -v for k, v in share.items()})
    add_numbers(keys.counter_pk("REGION#demo"), dict(region))


def test_a_scope_left_without_cases_is_set_back_to_zero(demo_cases, seeded):
    from functions.deputies import register_deputy
    lonely = register_deputy(name="赵新", phone="13800000099", region_id="demo",
                             level="county")["id"]
    add_numbers(keys.counter_pk(f"DEPUTY#{lonely}"), {"total": 3, "status:submitted": 3})
    recount()
    assert {k: v for k, v in counters.figures(f"DEPUTY#{lonely}").items() if v} == {}


def test_a_recount_out_of_time_stops_after_a_page_and_the_next_run_resumes(demo_cases):
    add_numbers(keys.counter_pk("REGION#demo"), {"total": 7})
    budget = iter([60.0, 1.0])  # room for one page, then the margin is reached
    first = recount(page=3, time_left=lambda: next(budget))
    assert first == {"status": "paused", "cases": 3}
    assert load_state("demo").cases == 3
    second = recount(page=3)
    assert (second["status"], second["cases"]) == ("done", 4)
    assert load_state("demo") is None
    assert counters.figures("REGION#demo")["total"] == 4


def test_the_nightly_run_visits_every_region(demo_cases):
    result = reconcile.run(now=NOW)
    assert list(result) == ["demo"] and result["demo"]["cases"] == 4


def test_a_co_units_queue_link_an_after_write_missed_comes_back_overnight(cast):
    from functions.storage.models import CoUnitLinkItem
    case_id = cast.case_at("forwarded")
    cast.office.ok("POST", f"/api/v1/cases/{case_id}/assign", json={
        "unit_id": "u-housing", "co_unit_ids": ["u-transport"]})
    CoUnitLinkItem(pk=keys.case_pk(case_id), sk=keys.co_unit_sk("u-transport")).delete()
    transport = cast.other_unit("u-transport")
    assert transport.ok("GET", "/api/v1/staff/queue")["items"] == []
    reconcile.run(now=NOW)
    assert [c["id"] for c in transport.ok("GET", "/api/v1/staff/queue")["items"]] == [case_id]
