"""The per-minute refresh and the nightly rollup share one item and never undo each
other: the refresh writes only the ranking and figures (the nightly's frequent words stay),
and neither puts back figures older than those stored. Each interleaving is made to
happen at a fixed point: inside the other's run, right after it summed the figures."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.cases import submission
from functions.identity import users
from functions.notifications import drain as notify
from functions.reporting import dashboard_figures, dashboard_rollups, ranking_refresh, rollups
from functions.shared import clock
from functions.storage import keys
from functions.storage.low_level import raw_items

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # a Monday, 10:00 in Shanghai
OFFICE = {"kind": "staff", "role": "office", "region_id": "demo", "username": "office"}


def submit(seeded, key: str, at: datetime, content: str, deputy: int = 0) -> None:
    clock.set_now(at)
    citizen = {"kind": "user", "user_id": users.find_or_create(
        user_id=users.wechat_user_id("openid-race"), openid="openid-race").user_id,
        "roles": ["citizen"], "openid": "openid-race"}
    submission.submit(actor=citizen, idempotency_key=key, now=at, body={
        "entry_code": seeded["deputies"][deputy]["entry_code"], "category": "other",
        "type": "request", "content": content})


def words() -> set[str]:
    return {w["word"] for w in rollups.read("demo")["data"]["words"]}


def deputy_counter(seeded, index: int) -> str:
    return keys.counter_pk(f"DEPUTY#{seeded['deputies'][index]['id']}")


def raw_type(pk: str) -> str | None:
    """The item's discriminator as stored (an item made by an update sets it itself)."""
    return (raw_items([pk]).get(pk) or {}).get("type", {}).get("S")


def inside_the_next_sum(monkeypatch, during) -> None:
    """Run `during` once, right after the next sum of the region's figures: what the
    summing run writes comes from that sum, whatever lands meanwhile."""
    real, done = ranking_refresh.deputy_ranking.ranking_and_figures, []

    def summed_then_interrupted(region_id):
        summed = real(region_id)
        if not done:
            done.append(True)
            during()
        return summed
    monkeypatch.setattr(ranking_refresh.deputy_ranking, "ranking_and_figures",
                        summed_then_interrupted)


def test_a_nightly_rollup_landing_inside_the_minutes_refresh_keeps_its_words(
        seeded, monkeypatch):
    submit(seeded, "bridge", T0, "村口的桥栏杆松了")
    dashboard_rollups.refresh_region("demo", now=T0)
    submit(seeded, "lamp", T0 + timedelta(seconds=10), "东街路灯坏了，晚上很黑", deputy=1)
    assert "路灯" not in words()
    nightly, drained = T0 + timedelta(minutes=1), T0 + timedelta(minutes=1, seconds=11)
    inside_the_next_sum(monkeypatch, lambda: dashboard_rollups.refresh_region(
        "demo", now=nightly))
    assert notify.run(now=drained)["rankings"] == 1
    rollup = rollups.read("demo")
    assert "路灯" in words() and rollup["refreshed_at"] == "2026-11-30T02:01:00Z"
    assert rollup["data"]["figures"]["total"] == 2
    assert rollup["data"]["figures_at"] == rollup["ranking_at"] == "2026-11-30T02:01:11Z"
    shown = dashboard_figures.figures(actor=OFFICE, now=drained)
    assert "路灯" in {w["word"] for w in shown["words"]} and shown["total"] == 2
    assert (shown["rollup_at"], shown["figures_at"]) == ("2026-11-30T02:01:00Z",
                                                         "2026-11-30T02:01:11Z")


def test_the_nightly_rollup_keeps_figures_summed_after_its_own_and_writes_its_words(
        seeded, monkeypatch):
    submit(seeded, "lamp", T0, "东街路灯坏了，晚上很黑")
    nightly, drained = T0 + timedelta(minutes=1), T0 + timedelta(minutes=2, seconds=10)

    def a_case_and_the_drain_after_it():  # while the nightly still cuts its words
        submit(seeded, "bridge", nightly + timedelta(seconds=5), "村口的桥栏杆松了", deputy=1)
        assert notify.run(now=drained)["rankings"] == 1
    inside_the_next_sum(monkeypatch, a_case_and_the_drain_after_it)
    dashboard_rollups.refresh_region("demo", now=nightly)
    rollup = rollups.read("demo")
    assert rollup["data"]["figures"]["total"] == 2  # the drain's newer sum stays
    assert rollup["data"]["figures_at"] == rollup["ranking_at"] == "2026-11-30T02:02:10Z"
    assert "路灯" in words() and rollup["refreshed_at"] == "2026-11-30T02:01:00Z"
    shown = dashboard_figures.figures(actor=OFFICE, now=drained)
    assert shown["total"] == 2 and "路灯" in {w["word"] for w in shown["words"]}


def test_a_refresh_landing_after_a_later_one_does_not_put_back_its_older_sum(
        seeded, monkeypatch):
    dashboard_rollups.refresh_region("demo", now=T0)
    submit(seeded, "one", T0, "村口的桥栏杆松了")
    later = T0 + timedelta(minutes=2)

    def a_second_case_summed_by_a_later_refresh():
        submit(seeded, "two", T0 + timedelta(seconds=30), "东街路灯坏了", deputy=1)
        ranking_refresh.refresh_marked([deputy_counter(seeded, 1)], now=later)
    inside_the_next_sum(monkeypatch, a_second_case_summed_by_a_later_refresh)
    ranking_refresh.refresh_marked([deputy_counter(seeded, 0)], now=T0 + timedelta(minutes=1))
    rollup = rollups.read("demo")
    assert rollup["data"]["figures"]["total"] == 2  # not the first refresh's 1
    assert rollup["data"]["figures_at"] == rollup["ranking_at"] == "2026-11-30T02:02:00Z"
    assert rollup["refreshed_at"] == "2026-11-30T02:00:00Z"


def test_a_refresh_before_the_regions_first_rollup_makes_it_and_the_nightly_adds_words(
        seeded):
    submit(seeded, "lamp", T0, "东街路灯坏了，晚上很黑")
    assert rollups.read("demo") is None
    assert notify.run(now=T0 + timedelta(minutes=1, seconds=1))["rankings"] == 1
    made = rollups.read("demo")
    assert made["data"]["figures"]["total"] == 1 and made["refreshed_at"] is None
    assert made["ranking_at"] == "2026-11-30T02:01:01Z" and "words" not in made["data"]
    assert raw_type(rollups.rollup_pk("demo")) == "rollup"  # typed like every item
    dashboard_rollups.refresh_region("demo", now=T0 + timedelta(minutes=5))
    assert "路灯" in words() and rollups.read("demo")["data"]["figures"]["total"] == 1
