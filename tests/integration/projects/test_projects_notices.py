"""Project notifications: deputies when voting or evaluation opens and a day before its
planned close, the lead unit on the first working day of a month and on each comment;
each owed once, recorded in the notification log (WeChat and SMS are in dev mode here;
tests/integration/projects/test_projects_notice_channels.py uses the fakes)."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.shared import clock
from functions.projects import keys, notice_sweep
from functions.projects.models import ProjectNoticeItem
from tests.case_fixtures import assert_error
from tests.integration.projects_cast import pcast  # noqa: F401

pytestmark = pytest.mark.integration
TEMPLATE = "dev-tpl-project-vote-open"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def log(pcast, event: str, about: str | None = None, channel: str = "wechat") -> dict:
    """Recipient → result of the notices of `event` (about one round or project)."""
    rows = pcast.office.ok("GET", "/api/v1/staff/notifications?limit=100")["items"]
    return {r["recipient"]: r["result"] for r in rows if r["event"] == event
            and r["channel"] == channel and (about is None or r["payload"].get("id") == about)}


def allow(caller, template: str = TEMPLATE) -> None:
    caller.ok("POST", "/api/v1/subscriptions", json={"results": {template: "accept"}})


def test_deputies_hear_the_vote_open_and_a_day_before_it_closes(pcast):
    clock.set_now(at("2026-09-20T02:00:00"))
    allow(pcast.deputy(0))
    round_id, _ = pcast.round_in("collecting")
    path = f"/api/v1/staff/project-rounds/{round_id}"
    pcast.office.ok("POST", f"{path}/shortlist",
                    json={"candidate_ids": [c["id"] for c in
                                            pcast.read_round(round_id)["candidates"]]})
    assert_error(pcast.office.post(f"{path}/open-vote", json={"closes_on": "2026-09-19"}),
                 400, "validation_error", "closes_on")
    opened = pcast.office.ok("POST", f"{path}/open-vote", json={"closes_on": "2026-09-25"})
    assert opened["round"]["state"] == "voting"
    told = log(pcast, "project_vote_open", round_id)
    assert told[f"deputy:{pcast.deputy_id(0)}"] == "recorded"
    assert told[f"deputy:{pcast.deputy_id(1)}"] == "skipped"  # allowed no message
    assert len(told) == 5

    assert notice_sweep.run(now=at("2026-09-23T15:00:00"))["closing"] == 0
    allow(pcast.deputy(0), "dev-tpl-project-vote-closing")
    assert notice_sweep.run(now=at("2026-09-24T16:30:00"))["closing"] == 1
    assert notice_sweep.run(now=at("2026-09-24T17:00:00"))["closing"] == 0
    assert log(pcast, "project_vote_closing", round_id)[f"deputy:{pcast.deputy_id(0)}"] == "recorded"
    pcast.move(round_id, "close-vote")
    assert notice_sweep.run(now=at("2026-09-25T15:00:00"))["closing"] == 0


def test_the_round_tells_a_deputy_which_templates_to_allow_for_its_coming_notices(pcast):
    clock.set_now(at("2026-09-20T02:00:00"))
    round_id, ids = pcast.round_in("collecting")
    asked = pcast.read_round(round_id, pcast.deputy(0))["mine"]["subscribe"]
    assert asked == ["dev-tpl-project-vote-open"]
    path = f"/api/v1/staff/project-rounds/{round_id}"
    pcast.office.ok("POST", f"{path}/shortlist", json={"candidate_ids": ids})
    pcast.office.ok("POST", f"{path}/open-vote", json={"closes_on": "2026-09-25"})
    asked = pcast.read_round(round_id, pcast.deputy(0))["mine"]["subscribe"]
    assert asked == ["dev-tpl-project-vote-closing", "dev-tpl-project-evaluation-open"]
    credits = pcast.deputy(0).ok("POST", "/api/v1/subscriptions", json={
        "results": dict.fromkeys(asked, "accept")})["credits"]
    assert credits == dict.fromkeys(asked, 1)  # known templates: the popup's answer counts
    assert notice_sweep.run(now=at("2026-09-24T16:30:00"))["closing"] == 1
    assert log(pcast, "project_vote_closing", round_id)[f"deputy:{pcast.deputy_id(0)}"] \
        == "recorded"


def test_the_lead_unit_hears_of_comments_and_of_the_monthly_report(pcast):
    clock.set_now(at("2026-09-30T02:00:00"))
    round_id, _ = pcast.round_in("in_progress")
    project = pcast.projects(round_id)[0]["id"]
    pcast.deputy(1).ok("POST", f"/api/v1/projects/{project}/comments", 201,
                       headers=pcast.key(), json={"content": "未交办前的意见"})
    assert log(pcast, "project_comment") == {}  # no lead unit yet: nobody to tell
    pcast.assign(project)
    pcast.deputy(1).ok("POST", f"/api/v1/projects/{project}/comments", 201,
                       headers=pcast.key(), json={"content": "路面质量要把关。"})
    assert log(pcast, "project_comment") == {"staff:unit1": "skipped"}  # no WeChat bound

    # 1–7 October are holidays: the first working day of October 2026 is the 8th.
    assert notice_sweep.run(now=at("2026-10-01T01:00:00"))["progress_due"] == 0
    assert notice_sweep.run(now=at("2026-10-08T01:00:00"))["progress_due"] == 1
    assert notice_sweep.run(now=at("2026-10-08T06:00:00"))["progress_due"] == 0
    assert notice_sweep.run(now=at("2026-10-09T01:00:00"))["progress_due"] == 0
    assert log(pcast, "project_progress_due") == {"staff:unit1": "skipped"}
    pcast.move(round_id, "open-evaluation")
    pcast.move(round_id, "close-evaluation")
    assert notice_sweep.run(now=at("2026-11-02T01:00:00"))["progress_due"] == 0


def dead_sender_notice(pcast, claimed: datetime, in_flight: str | None) -> None:
    """A vote-open notice as a sender left it when it died holding the claim."""
    ProjectNoticeItem(
        pk=keys.notice_pk("pn-dead"), sk=keys.META, notice_id="pn-dead", region_id="demo",
        event="project_vote_open", audience={"deputies": "demo"}, attempts=1,
        done=[f"deputy:{pcast.deputy_id(1)}"], in_flight=in_flight,
        subject={"id": "r1", "title": "民生实事", "page": "pages/projects/round?id=r1"},
        claimed_at=clock.iso(claimed), created_at=clock.iso(claimed),
        gsi3pk=keys.NOTICES_DUE, gsi3sk=f"{clock.iso(claimed)}#pn-dead").save()


def test_a_sender_that_died_mid_send_leaves_that_one_unknown_and_the_rest_go_on(pcast):
    clock.set_now(at("2026-09-20T02:00:00"))
    claimed = at("2026-09-20T01:00:00")
    dead_sender_notice(pcast, claimed, in_flight=f"deputy:{pcast.deputy_id(0)}")
    assert notice_sweep.run(now=claimed + timedelta(minutes=2))["delivered"] == 0  # leased
    assert notice_sweep.run(now=claimed + timedelta(minutes=6))["delivered"] == 1
    told = log(pcast, "project_vote_open", "r1")
    assert told.pop(f"deputy:{pcast.deputy_id(0)}") == "unknown"  # never resent
    assert f"deputy:{pcast.deputy_id(1)}" not in told  # finished before the sender died
    assert set(told.values()) == {"skipped"} and len(told) == 3  # the rest went on
    assert notice_sweep.run(now=claimed + timedelta(minutes=30))["delivered"] == 0
    assert len(sends(pcast)) == 4


def sends(pcast) -> list[str]:
    """The recipient of each WeChat attempt of the dead sender's notice, as logged."""
    rows = pcast.office.ok("GET", "/api/v1/staff/notifications?limit=100")["items"]
    return [r["recipient"] for r in rows
            if r["channel"] == "wechat" and r["payload"].get("notice") == "pn-dead"]


class Ticks:
    """A monotonic clock that advances one second each time it is read."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self) -> float:
        self.seconds += 1.0
        return self.seconds


def test_a_sweep_out_of_time_stops_between_recipients_and_the_next_one_goes_on(pcast):
    from functions.shared.time_budget import Budget
    clock.set_now(at("2026-09-20T02:00:00"))
    claimed = at("2026-09-20T01:00:00")
    dead_sender_notice(pcast, claimed, in_flight=None)
    first = notice_sweep.run(now=claimed + timedelta(minutes=6),
                             budget=Budget(5.5, reserve=0.5, clock=Ticks()))
    assert first["delivered"] == 0 and first["out_of_time"] is True
    assert 0 < len(log(pcast, "project_vote_open", "r1")) < 4
    assert notice_sweep.run(now=claimed + timedelta(minutes=7))["delivered"] == 1
    assert sorted(sends(pcast)) == sorted(
        f"deputy:{pcast.deputy_id(i)}" for i in (0, 2, 3, 4))  # each once, nobody twice
