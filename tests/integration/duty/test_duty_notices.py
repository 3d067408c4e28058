"""Duty notices against the fake WeChat: a deputy hears of a verified or rejected record
and of a new activity, once, with a credit; the drain retries what failed."""
import json
from datetime import timedelta

import pytest

from functions.shared import clock
from functions.notifications import drain as notify, credits as subscriptions
from functions.identity import users
from functions.shared.config import load_settings
from functions.identity.binding import bind
from functions.duty import activities, records
from functions.storage.connection import configure
from infra import seed
from tests.fakes.fixtures import TEMPLATES, channel_env
from tests.integration.duty_fixtures import NOW, fixed_clock, record_body  # noqa: F401

pytestmark = pytest.mark.integration
PROGRESS = TEMPLATES["case_progress"]
DUTY_SMS = "SMS_DUTY_1"
OFFICE = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}


@pytest.fixture
def world(store, wechat_fake, sms_fake):
    """The demo region on the fakes; deputy 0 bound to WeChat with one progress credit."""
    env = channel_env(store, wechat_fake, f"127.0.0.1:{sms_fake.port}")
    env["WECHAT_TEMPLATE_FIELDS"] = json.dumps({PROGRESS: {"phrase1": "status",
                                                           "thing2": "content"}})
    env["SMS_DUTY_TEMPLATE"] = DUTY_SMS
    configure(load_settings(env))
    sms_fake.add_template(DUTY_SMS, ["event", "title"])
    deputy = seed.seed_demo()["deputies"][0]
    wechat_fake.add_user("openid-deputy")
    user = users.find_or_create(user_id=users.wechat_user_id("openid-deputy"),
                                openid="openid-deputy")
    bind(actor={"kind": "user", "user_id": user.user_id, "roles": ["citizen"],
                "openid": "openid-deputy"}, bind_code=deputy["bind_code"], now=clock.now())
    as_deputy = {"kind": "user", "user_id": user.user_id, "roles": ["deputy"],
                 "deputy_id": deputy["id"]}
    return {"deputy": deputy, "user": user.user_id, "actor": as_deputy, "wechat": wechat_fake,
            "sms": sms_fake}


def credit(world, count=1):
    subscriptions.add_credits(user_id=world["user"], template_id=PROGRESS, count=count)
    world["wechat"].grant("openid-deputy", PROGRESS, count)


def reported(world, key="k1") -> dict:
    return records.report(actor=world["actor"], idempotency_key=key, body=record_body(),
                          now=NOW)[0]


def log(event, channel="wechat"):
    from functions.notifications import log as notification_log
    rows = notification_log.list_records(actor=OFFICE, case_id=None, channel=channel,
                                         limit=50, cursor=None)["items"]
    return [(r["recipient"].split(":")[0], r["result"]) for r in rows if r["event"] == event]


def test_a_verified_record_reaches_the_deputy_once_with_its_title(world):
    credit(world)
    record = reported(world)
    records.decide(actor=OFFICE, record_id=record["id"], verdict="verify", body={}, now=NOW)
    sent = world["wechat"].sent()
    assert len(sent) == 1 and sent[0]["page"] == "pages/duty/index"
    assert sent[0]["data"]["phrase1"]["value"] == "已核实"
    assert sent[0]["data"]["thing2"]["value"].startswith("调研城关镇")
    assert log("duty_verified") == [("deputy", "sent")]
    assert notify.run(now=NOW + timedelta(minutes=5)).get("duty_notices") is None


def test_without_a_credit_the_deputy_gets_one_sms_instead(world):
    record = reported(world)
    records.decide(actor=OFFICE, record_id=record["id"], verdict="reject",
                   body={"reason": "缺照片"}, now=NOW)
    assert world["wechat"].sent() == [] and log("duty_rejected") == [("deputy", "skipped")]
    sms = world["sms"].sends()
    assert [(s["PhoneNumbers"], s["TemplateCode"]) for s in sms] == [("13800000001", DUTY_SMS)]
    assert json.loads(sms[0]["TemplateParam"])["event"] == "您的履职记录被退回"
    assert log("duty_rejected", "sms") == [("deputy", "sent")]
    notify.run(now=NOW + timedelta(hours=1))
    assert len(world["sms"].sends()) == 1


def test_a_failed_send_waits_in_the_outbox_and_the_drain_sends_it_once(world):
    credit(world)
    world["wechat"].busy = True
    record = reported(world)
    records.decide(actor=OFFICE, record_id=record["id"], verdict="verify", body={}, now=NOW)
    assert log("duty_verified") == [("deputy", "retry")]
    world["wechat"].busy = False
    assert notify.run(now=NOW + timedelta(seconds=30)).get("duty_notices") is None  # backoff
    clock.set_now(NOW + timedelta(minutes=2))
    assert notify.run(now=NOW + timedelta(minutes=2))["duty_notices"] == 1
    assert len(world["wechat"].sent()) == 1
    assert notify.run(now=NOW + timedelta(hours=1)).get("duty_notices") is None


def test_a_published_activity_reaches_the_regions_bound_deputies_once(world):
    credit(world, 2)
    body = {"kind": "meeting", "title": "代表小组活动", "place": "城关镇",
            "starts_at": "2026-06-17T01:00:00Z", "ends_at": "2026-06-17T04:00:00Z"}
    for _ in range(2):  # the same Idempotency-Key again owes nothing new
        activities.publish(actor=OFFICE, idempotency_key="a1", body=body, now=NOW)
    assert world["wechat"].sent() == []  # the drain fans it out, not the request
    notify.run(now=NOW)
    notify.run(now=NOW)
    notify.run(now=NOW + timedelta(minutes=1))
    assert len(world["wechat"].sent()) == 1
    results = sorted(log("activity_published"))
    assert results == [("deputy", "sent"), ("deputy", "skipped"), ("deputy", "skipped")]


def test_the_office_hears_nightly_of_pending_records_once_a_day(world):
    from functions.duty import recount
    reported(world, "k1"), reported(world, "k2")
    assert recount.recount_region("demo", now=NOW)["office_told"] is True
    notify.run(now=NOW)
    notify.run(now=NOW)
    sms = world["sms"].sends()
    assert [s["PhoneNumbers"] for s in sms] == ["13800000101"]  # the office account
    assert json.loads(sms[0]["TemplateParam"])["title"] == "2条履职记录待审核"
    assert recount.recount_region("demo", now=NOW + timedelta(hours=1))["office_told"] is False
    assert recount.recount_region("demo", now=NOW + timedelta(days=1))["office_told"] is True
