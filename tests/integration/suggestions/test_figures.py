"""Suggestion figures from stored counters: moved by every write, read in a fixed number of
store calls whatever the number of suggestions, rebuilt by the nightly recount."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from functions.storage import keys
from functions.storage.low_level import add_numbers, get_numbers
from functions.suggestions import counters, recount, statistics
from tests.store_call_counter import StoreCallCounter
from tests.suggestion_fixtures import ANSWER_A, scast  # noqa: F401

pytestmark = pytest.mark.integration
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)
STATS = "/api/v1/staff/suggestions/stats"


def stats_reads(scast, counter) -> tuple[list[str], float]:
    counter.take()
    scast.office.ok("GET", STATS)
    calls = counter.take()
    return [f"{c.operation} {c.key} {c.index}" for c in calls], sum(c.capacity for c in calls)


def nonzero(numbers: dict) -> dict:
    return {k: v for k, v in numbers.items() if v}


def test_unit_figures_cost_the_same_store_calls_for_5_and_50_suggestions(scast):
    clock.set_now(T0)
    for n in range(5):
        scast.suggestion_at("assigned", lead=n % 3)
    scast.office.ok("GET", STATS)  # logged in before counting
    with StoreCallCounter() as counter:
        few = stats_reads(scast, counter)
        for n in range(45):
            scast.suggestion_at("submitted", lead=n % 3)
        many = stats_reads(scast, counter)
    assert few == many
    assert not [op for op in many[0] if "gsi6" in op]  # the region's suggestions: not read
    units = scast.office.ok("GET", STATS)["units"]
    assert [(u["unit_id"], u["assigned"]) for u in units] == [("u-housing", 5)]
    assert statistics.region_figures("demo")["by_status"]["submitted"] == 45
    assert scast.office.ok("GET", STATS)["region"]["by_status"]["assigned"] == 5


def test_figures_follow_every_move_and_a_retried_draft_counts_once(scast):
    clock.set_now(T0)
    from tests.suggestion_fixtures import DRAFT
    for status in (201, 200):  # the retry gets its draft back
        scast.deputy(0).ok("POST", "/api/v1/deputy/suggestions", status,
                           headers={"Idempotency-Key": "same"}, json=DRAFT)
    assert statistics.region_figures("demo")["by_status"]["draft"] == 1
    sid = scast.suggestion_at("answered")
    scast.act(sid, "evaluate_unsatisfied")
    scast.act(sid, "answer", body=ANSWER_A)
    region = statistics.region_figures("demo")
    assert region["total"] == 2 and region["by_status"]["closed"] == 1
    assert (region["answers"], region["on_time_rate"]) == (2, 1.0)
    assert region["classes"] == {"A": 1, "B": 1, "C": 0}
    assert region["ratings"]["unsatisfied"] == 1 and region["satisfaction_rate"] == 0.0


def test_the_recount_rebuilds_drifted_or_lost_counters(scast):
    clock.set_now(T0)
    scast.suggestion_at("closed")
    scast.suggestion_at("registered", lead=1)
    right = nonzero(counters.figures("demo"))
    pk = keys.counter_pk(counters.scope_of("demo"))
    add_numbers(pk, {"status:closed": 7, "unit:u-housing:answers": -1, "bogus": 3})
    assert counters.figures("demo") != right
    assert recount.recount_region("demo", now=T0)["status"] == "done"
    assert nonzero(counters.figures("demo")) == right
    from functions.storage.models import BaseItem
    BaseItem._get_connection().connection.client.delete_item(
        TableName=BaseItem.Meta.table_name, Key={"pk": {"S": pk}, "sk": {"S": keys.META}})
    assert get_numbers(pk) == {}
    from functions.reporting import recount as nightly
    assert nightly.run(now=T0)["demo"]["suggestions"]["suggestions"] == 2  # the nightly job
    assert nonzero(counters.figures("demo")) == right
    units = scast.office.ok("GET", STATS)["units"]
    assert units[0]["unit_name"] == "示例县住建局" and units[0]["satisfaction_rate"] == 1.0


def test_the_recount_leaves_counters_a_write_moved_meanwhile(scast):
    clock.set_now(T0)
    scast.suggestion_at("registered")
    pk = keys.counter_pk(counters.scope_of("demo"))
    add_numbers(pk, {"status:registered": 5}, moves_were=None)  # drift, counted as a move
    calls = []

    def time_left():  # a write lands while the recount reads
        if not calls:
            calls.append(1)
            scast.suggestion_at("submitted", lead=1)
        return 100.0
    moved = recount.recount_region("demo", now=T0, time_left=time_left)
    assert moved["status"] == "moved_meanwhile"
    assert counters.figures("demo")["status:registered"] == 6
    assert recount.recount_region("demo", now=T0)["status"] == "done"
    assert counters.figures("demo")["status:registered"] == 1


def test_the_dashboard_shows_the_suggestion_figures_from_their_counters(app, scast):
    from tests.integration.admin_helpers import admin_login
    clock.set_now(T0)
    scast.suggestion_at("closed")
    scast.suggestion_at("submitted", lead=1)
    office = app.test_client()
    admin_login(office, "office")
    with StoreCallCounter() as counter:
        html = office.get("/admin/dashboard").get_data(as_text=True)
        reads = [f"{c.operation} {c.key}" for c in counter.take()]
    section = html[html.index('id="suggestion-figures"'):]
    section = section[:section.index("</section>")]
    for shown in ('id="kpi-suggestions">2<', "100.0%", "A 0 · B 1 · C 0", "已办结", "待审核"):
        assert shown in section, shown
    assert "GetItem COUNTERS" in reads and not [r for r in reads if "SUGGESTION" in r]
