"""Project notices against the fake WeChat and fake SMS: each event with its own WeChat
template (fields cut to WeChat's limits), else one SMS with the project template; each
person reached once, a throttled SMS retried by the sweep, never twice."""
import json
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from functions.shared.config import load_settings
from functions.storage.connection import configure
from functions.projects import notice_sweep
from functions.projects.messages import NOTICE_TEXTS
from tests.fakes.fixtures import TEMPLATES, channel_env
from tests.fakes.wechat_server import KIND_RULES
from tests.integration.projects_cast import pcast  # noqa: F401

pytestmark = pytest.mark.integration
OWN = {"project_vote_open": "tpl-p-vote-open", "project_vote_closing": "tpl-p-vote-closing",
       "project_evaluation_open": "tpl-p-eval-open",
       "project_evaluation_closing": "tpl-p-eval-closing",
       "project_progress_due": "tpl-p-progress-due", "project_comment": "tpl-p-comment"}
FIELDS = {"thing1": "thing", "thing2": "thing", "time3": "time"}
PROJECT_SMS = "SMS_PROJECT_1"
DEPUTY_PHONES = ["13800000001", "13800000002", "13800000003", "13800000004", "13800000005"]
UNIT_PHONE = "13800000102"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@pytest.fixture
def fakes(pcast, store, wechat_fake, sms_fake):
    """Everyone logged in (dev mode), then WeChat and SMS switched to the fakes."""
    for index in range(5):
        pcast.deputy(index)
    assert pcast.unit and pcast.office  # staff log in by password, WeChat or not
    env = channel_env(store, wechat_fake, f"127.0.0.1:{sms_fake.port}")
    env["WECHAT_TEMPLATES"] = json.dumps({**TEMPLATES, **OWN})
    env["SMS_PROJECT_TEMPLATE"] = PROJECT_SMS
    configure(load_settings(env))
    for event, template_id in OWN.items():
        wechat_fake.add_template(template_id, {**FIELDS, "date3": "date"}
                                 if event == "project_progress_due" else FIELDS)
    sms_fake.add_template(PROJECT_SMS, ["event", "title"])
    wechat_fake.add_user("dev-deputy-0")
    return {"wechat": wechat_fake, "sms": sms_fake}


def allow(pcast, fakes, event: str) -> None:
    """Deputy 0 accepts the event's template once (in our credits and at WeChat)."""
    pcast.deputy(0).ok("POST", "/api/v1/subscriptions", json={"results": {OWN[event]: "accept"}})
    fakes["wechat"].grant("dev-deputy-0", OWN[event])


def sms_of(fakes, event: str) -> list[str]:
    """The phones that got the project SMS of `event`, in order."""
    return [s["PhoneNumbers"] for s in fakes["sms"].sends()
            if s["TemplateCode"] == PROJECT_SMS
            and json.loads(s["TemplateParam"])["event"] == NOTICE_TEXTS[event]]


def voting_round(pcast) -> str:
    round_id, ids = pcast.round_in("collecting")
    pcast.office.ok("POST", f"/api/v1/staff/project-rounds/{round_id}/shortlist",
                    json={"candidate_ids": ids})
    pcast.office.ok("POST", f"/api/v1/staff/project-rounds/{round_id}/open-vote",
                    json={"closes_on": "2026-09-25"})
    return round_id


def test_the_vote_reaches_a_deputy_with_a_credit_by_its_own_template_and_the_rest_by_sms(
        pcast, fakes):
    clock.set_now(at("2026-09-20T02:00:00"))
    allow(pcast, fakes, "project_vote_open")
    voting_round(pcast)
    sent = fakes["wechat"].sent()
    assert [(m["touser"], m["template_id"]) for m in sent] == \
        [("dev-deputy-0", OWN["project_vote_open"])]
    assert sent[0]["data"]["thing2"]["value"] == NOTICE_TEXTS["project_vote_open"]
    assert sent[0]["data"]["time3"]["value"] == "2026年9月20日 10:00"
    assert sorted(sms_of(fakes, "project_vote_open")) == DEPUTY_PHONES[1:]
    params = json.loads(fakes["sms"].sends()[0]["TemplateParam"])
    assert params == {"event": NOTICE_TEXTS["project_vote_open"], "title": "2027年示例县民生实事"}

    allow(pcast, fakes, "project_vote_closing")
    notice_sweep.run(now=at("2026-09-24T16:30:00"))
    notice_sweep.run(now=at("2026-09-24T18:00:00"))
    closing = fakes["wechat"].sent()[1:]
    assert [m["template_id"] for m in closing] == [OWN["project_vote_closing"]]
    assert closing[0]["data"]["time3"]["value"] == "2026年9月25日 23:59"  # the planned close
    assert sorted(sms_of(fakes, "project_vote_closing")) == DEPUTY_PHONES[1:]
    assert len(sms_of(fakes, "project_vote_open")) == 4  # nothing sent twice


def test_the_lead_unit_without_wechat_hears_of_comments_and_the_monthly_report_by_sms(
        pcast, fakes):
    clock.set_now(at("2026-09-30T02:00:00"))
    round_id, _ = pcast.round_in("in_progress")
    project = pcast.projects(round_id)[0]
    pcast.assign(project["id"])
    for status in (201, 200):  # a retried comment owes nothing new
        pcast.deputy(1).ok("POST", f"/api/v1/projects/{project['id']}/comments", status,
                           json={"content": "路面质量要把关，雨季施工注意排水和安全。"},
                           headers={"Idempotency-Key": "c1"})
    assert sms_of(fakes, "project_comment") == [UNIT_PHONE]
    notice_sweep.run(now=at("2026-10-08T01:00:00"))
    notice_sweep.run(now=at("2026-10-08T03:00:00"))
    assert sms_of(fakes, "project_progress_due") == [UNIT_PHONE]
    last = json.loads(fakes["sms"].sends()[-1]["TemplateParam"])
    assert last == {"event": NOTICE_TEXTS["project_progress_due"], "title": project["title"]}


def test_a_throttled_sms_is_retried_by_the_sweep_and_sent_once(pcast, fakes):
    clock.set_now(at("2026-09-30T02:00:00"))
    round_id, _ = pcast.round_in("in_progress")
    project = pcast.projects(round_id)[0]["id"]
    pcast.assign(project)
    fakes["sms"].throttle(UNIT_PHONE)
    pcast.deputy(1).ok("POST", f"/api/v1/projects/{project}/comments", 201,
                       json={"content": "请公开施工进度。"}, headers={"Idempotency-Key": "t1"})
    assert sms_of(fakes, "project_comment") == []
    fakes["sms"].throttled_phones.clear()
    notice_sweep.run(now=at("2026-09-30T02:05:00"))  # not due again before 15 minutes
    assert sms_of(fakes, "project_comment") == []
    for minutes in ("20", "40"):
        notice_sweep.run(now=at(f"2026-09-30T02:{minutes}:00"))
    assert sms_of(fakes, "project_comment") == [UNIT_PHONE]


def test_each_field_fits_the_kind_wechat_checks():
    from functions.projects.notice_fields import wechat_data
    subject = {"id": "p1", "title": "城关镇老旧小区管网电梯加装及外立面综合改造工程",
               "comment": "路面质量要把关，雨季施工注意排水和安全，并公开资金使用。"}
    data = wechat_data("project_comment", subject, at("2026-10-08T01:00:00"))
    assert data["thing1"]["value"] == subject["title"][:19] + "…"
    assert all(KIND_RULES[key.rstrip("0123456789")].fullmatch(v["value"])
               for key, v in data.items())
    due = wechat_data("project_progress_due", subject, at("2026-10-08T01:00:00"))
    assert due["date3"]["value"] == "2026年10月8日"
