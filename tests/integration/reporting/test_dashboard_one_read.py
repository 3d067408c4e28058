"""The dashboard reads its figures from the rollup in one GetItem, however many deputies;
every move that changes a figure reaches it through the drain's refresh, be it only the
region's share (a rating) or the region's own item (a case without a deputy)."""
from datetime import datetime, timedelta, timezone

import pytest

from benchmarks.dashboard_reads import DashboardCounter
from functions import deputies
from functions.notifications import drain as notify
from functions.reporting import counters, dashboard, dashboard_rollups, rollups
from functions.shared import clock
from functions.storage import keys
from functions.storage.low_level import add_numbers
from tests.case_fixtures import cast  # noqa: F401

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)
OFFICE = {"kind": "staff", "role": "office", "region_id": "demo", "username": "office"}


def closed_case(**extra) -> dict:
    timeline = [{"at": "2026-11-20T01:00:00Z", "action": "submit", "status": "submitted"},
                {"at": "2026-11-21T01:00:00Z", "action": "reply", "status": "replied",
                 "on_time": True},
                {"at": "2026-11-25T01:00:00Z", "action": "close", "status": "closed"}]
    return {"id": "c-rated", "region_id": "demo", "category": "other", "status": "closed",
            "created_at": "2026-11-20T01:00:00Z", "timeline": timeline, **extra}


def test_a_move_that_changes_only_the_regions_share_reaches_the_dashboard(seeded):
    dashboard_rollups.refresh_region("demo", now=T0)
    before = closed_case(deputy_id=seeded["deputies"][0]["id"])
    rated = {**before, "rating": {"rating": "satisfied", "at": "2026-11-30T01:59:00Z"}}
    counters.record_move(None, before, now=T0 - timedelta(minutes=5))
    notify.run(now=T0)  # the closed case is on the dashboard, its item unmarked
    assert dashboard.stats(actor=OFFICE)["ratings"] == {}
    moved = counters.deltas(counters.item_numbers(rated), counters.item_numbers(before))
    assert list(moved.values()) == [{"region:rating:satisfied": 1}]  # the share alone
    counters.record_move(before, rated, now=T0)
    assert notify.run(now=T0 + timedelta(minutes=1, seconds=1))["rankings"] == 1
    stats = dashboard.stats(actor=OFFICE)
    assert stats["ratings"] == {"satisfied": 1} and stats["satisfaction_rate"] == 1.0
    assert stats["figures_at"] == "2026-11-30T02:01:01Z"


def test_a_case_without_a_deputy_reaches_the_dashboard_through_the_regions_item(seeded):
    dashboard_rollups.refresh_region("demo", now=T0)
    counters.record_move(None, closed_case(deputy_id=None), now=T0)
    assert dashboard.stats(actor=OFFICE)["total"] == 0  # not summed yet
    assert notify.run(now=T0 + timedelta(minutes=1, seconds=1))["rankings"] == 1
    assert dashboard.stats(actor=OFFICE)["total"] == 1
    assert notify.run(now=T0 + timedelta(minutes=3))["rankings"] == 0  # unmarked


def test_a_rollup_without_figures_yet_falls_back_to_the_live_sum_as_of_now(seeded):
    counters.record_move(None, closed_case(deputy_id=seeded["deputies"][1]["id"]), now=T0)
    rollups.write("demo", {"ranking": {}, "words": []}, "2026-11-29T19:00:00Z")  # older code
    clock.set_now(T0 + timedelta(seconds=5))
    stats = dashboard.stats(actor=OFFICE)
    assert stats["total"] == 1 and stats["figures_at"] == "2026-11-30T02:00:05Z"


def add_deputies_with_cases(first: int, count: int) -> None:
    for n in range(first, first + count):
        deputy = deputies.register_deputy(name=f"代表{n:03d}", phone=f"139{n:08d}",
                                          region_id="demo", level="township", now=T0)
        add_numbers(keys.counter_pk(f"DEPUTY#{deputy['id']}"),
                    {"total": 2, "status:submitted": 2, "region:total": 2,
                     "region:status:submitted": 2, "region:received:2026-11": 2},
                    sets=counters.home_attributes(f"DEPUTY#{deputy['id']}", "demo"))


def stats_calls(cast, first: int, deputy_count: int) -> list[str]:
    add_deputies_with_cases(first, deputy_count)
    dashboard_rollups.refresh_region("demo", now=T0)
    cast.office.ok("GET", "/api/v1/staff/stats")  # logged in, caches warm
    with DashboardCounter() as counter:
        stats = cast.office.ok("GET", "/api/v1/staff/stats")
        calls = counter.take()
    assert stats["total"] == 2 * (first + deputy_count)
    return sorted(f"{c.operation} {c.index} {c.key}" for c in calls)


def test_the_stats_request_makes_the_same_store_calls_with_5_and_50_deputies(cast):
    few = stats_calls(cast, 0, 5)
    many = stats_calls(cast, 5, 45)  # 50 deputies with cases now
    assert few == many, (few, many)
    assert "GetItem None ROLLUP" in many
    assert not [c for c in many if c.startswith(("Query", "BatchGetItem"))
                or c.endswith("COUNTERS")], many  # no read over the deputies


def test_the_refreshed_figures_are_the_live_sum_of_the_regions_and_deputies_items(seeded):
    dashboard_rollups.refresh_region("demo", now=T0)
    for n, deputy in enumerate([*seeded["deputies"], {"id": None}]):
        counters.record_move(None, closed_case(id=f"c{n}", deputy_id=deputy["id"],
                                               category=f"cat{n % 2}"), now=T0)
    notify.run(now=T0 + timedelta(minutes=1, seconds=1))
    live = {k: v for k, v in counters.region_figures("demo").items() if v}
    assert live["total"] == 4 and live["category:cat0"] == 2
    assert {k: v for k, v in rollups.read("demo")["data"]["figures"].items() if v} == live


def test_a_move_the_drain_summed_while_the_nightly_rollup_ran_is_back_a_minute_after(
        seeded, monkeypatch):
    """The nightly put lands after the drain's: the figures it read are older, so it marks
    the region and the drain sums it again."""
    real = dashboard_rollups.word_stats.top_words

    def words_while_a_case_moves_and_the_drain_runs(texts):
        counters.record_move(None, closed_case(deputy_id=None), now=T0 - timedelta(minutes=2))
        assert notify.run(now=T0)["rankings"] == 1  # summed, and its item unmarked
        return real(texts)
    monkeypatch.setattr(dashboard_rollups.word_stats, "top_words",
                        words_while_a_case_moves_and_the_drain_runs)
    dashboard_rollups.refresh_region("demo", now=T0)
    assert rollups.read("demo")["data"]["figures"].get("total", 0) == 0  # the older sum won
    assert notify.run(now=T0 + timedelta(minutes=1, seconds=1))["rankings"] == 1
    assert rollups.read("demo")["data"]["figures"]["total"] == 1
