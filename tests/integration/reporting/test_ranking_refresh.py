"""The dashboard's figures and deputy ranking follow a deputy's work within about two
minutes, through the notify drain's own index read, and a busy region is refreshed once
per period (REFRESH_AFTER, one minute)."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.shared import clock
from functions.reporting import dashboard_rollups, rollups
from functions.cases import handling, submission
from functions.notifications import drain as notify
from functions.identity import users

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # a Monday, 10:00 in Shanghai


def submit(seeded, key: str, at: datetime, deputy: int = 0) -> dict:
    clock.set_now(at)
    citizen = {"kind": "user", "user_id": users.find_or_create(
        user_id=users.wechat_user_id("openid-rank"), openid="openid-rank").user_id,
        "roles": ["citizen"], "openid": "openid-rank"}
    case, _ = submission.submit(actor=citizen, idempotency_key=key, now=at, body={
        "entry_code": seeded["deputies"][deputy]["entry_code"], "category": "other",
        "type": "request", "content": f"{key}：村口的桥栏杆松了"})
    return case


def accept(seeded, case: dict, at: datetime) -> None:
    clock.set_now(at)
    deputy = {"kind": "user", "user_id": "w-deputy-0", "roles": ["citizen", "deputy"],
              "deputy_id": seeded["deputies"][0]["id"]}
    handling.act(case_id=case["id"], action="accept", actor=deputy, now=at, body={})


def figures(region="demo") -> dict:
    return rollups.read(region)["data"]["figures"]


def handled(region="demo") -> list:
    return [(r["name"], r["handled"]) for r in rollups.read(region)["data"]["ranking"]
            ["by_handled"]]


def test_an_accepted_case_reaches_the_ranking_and_figures_within_the_minute_after(seeded):
    dashboard_rollups.refresh_region("demo", now=T0)
    assert handled() == [] and figures().get("total", 0) == 0
    accept(seeded, submit(seeded, "r1", T0), T0 + timedelta(seconds=20))
    assert notify.run(now=T0 + timedelta(seconds=50))["rankings"] == 0  # not due yet
    assert handled() == [] and figures().get("total", 0) == 0
    assert notify.run(now=T0 + timedelta(minutes=1, seconds=1))["rankings"] == 1
    assert handled() == [("张建国", 1)]
    assert figures()["total"] == 1 and figures()["status:accepted"] == 1
    assert rollups.read("demo")["data"]["figures_at"] == "2026-11-30T02:01:01Z"
    assert rollups.read("demo")["ranking_at"] == "2026-11-30T02:01:01Z"
    assert rollups.read("demo")["refreshed_at"] == "2026-11-30T02:00:00Z"  # words: nightly
    assert notify.run(now=T0 + timedelta(minutes=3))["rankings"] == 0  # nothing changed


def test_many_moves_in_a_period_give_one_refresh_at_the_first_moves_due_time(seeded):
    dashboard_rollups.refresh_region("demo", now=T0)
    for n in range(3):  # the first submission starts the period
        accept(seeded, submit(seeded, f"m{n}", T0 + timedelta(seconds=15 * n)),
               T0 + timedelta(seconds=15 * n + 5))
    assert notify.run(now=T0 + timedelta(seconds=59))["rankings"] == 0
    assert notify.run(now=T0 + timedelta(minutes=1, seconds=1))["rankings"] == 1
    assert handled() == [("张建国", 3)] and figures()["total"] == 3
    assert notify.run(now=T0 + timedelta(minutes=3))["rankings"] == 0


def test_moves_of_several_deputies_in_a_period_give_one_refresh_of_their_region(seeded):
    """Each deputy's counter item carries its own mark: the drain sums the region once."""
    dashboard_rollups.refresh_region("demo", now=T0)
    for n in range(3):
        submit(seeded, f"s{n}", T0 + timedelta(seconds=n), deputy=n)
    assert notify.run(now=T0 + timedelta(minutes=1, seconds=3))["rankings"] == 1
    assert figures()["total"] == 3 and figures()["status:submitted"] == 3
    assert notify.run(now=T0 + timedelta(minutes=3))["rankings"] == 0


def test_a_move_during_the_refresh_keeps_the_region_due_again_later(seeded, monkeypatch):
    dashboard_rollups.refresh_region("demo", now=T0)
    first = submit(seeded, "d1", T0)
    accept(seeded, first, T0 + timedelta(seconds=10))
    second = submit(seeded, "d2", T0 + timedelta(seconds=20))
    from functions.reporting import deputy_ranking, ranking_refresh
    real = deputy_ranking.ranking_and_figures

    def summed_while_a_deputy_accepts(region_id):
        summed = real(region_id)
        accept(seeded, second, T0 + timedelta(minutes=1))  # lands mid-refresh
        return summed
    monkeypatch.setattr(ranking_refresh.deputy_ranking, "ranking_and_figures",
                        summed_while_a_deputy_accepts)
    assert notify.run(now=T0 + timedelta(minutes=1))["rankings"] == 1
    monkeypatch.setattr(ranking_refresh.deputy_ranking, "ranking_and_figures", real)
    assert handled() == [("张建国", 1)]  # summed before the second accept landed
    assert notify.run(now=T0 + timedelta(minutes=1, seconds=50))["rankings"] == 0
    assert notify.run(now=T0 + timedelta(minutes=2, seconds=1))["rankings"] == 1
    assert handled() == [("张建国", 2)] and figures()["status:accepted"] == 2
