"""A throttled SMS goes again when Aliyun's limit allows, through the real drain: a minute
limit in minutes, a day limit after Beijing midnight, never a blind fixed hour."""
import json
from datetime import timedelta

import pytest

from functions.notifications import dispatch, drain as notify, sms_digest, sms_queue
from tests.integration.notify_world import T0, submit, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.integration
MIDNIGHT_IN_BEIJING = T0.replace(hour=16)  # T0 is 10:00 in Beijing


def sends_to(world, phone: str) -> list[dict]:
    return [json.loads(s["TemplateParam"]) for s in world["sms"].sends()
            if s["PhoneNumbers"] == phone]


def test_a_message_sent_at_once_into_a_minute_limit_goes_a_minute_later(world):
    phone = world["deputy"]["phone"]
    world["sms"].throttle(phone, message="触发分钟级流控Permits:1")
    submit(world, 1)
    assert sends_to(world, phone) == []
    world["sms"].throttled_phones.clear()
    notify.run(now=T0 + timedelta(seconds=30))
    assert sends_to(world, phone) == []  # Aliyun's minute is not over
    notify.run(now=T0 + timedelta(minutes=1))
    assert sends_to(world, phone) == [{"count": "1", "kind": "群众诉求"}]
    notify.run(now=T0 + timedelta(minutes=2))
    assert len(sends_to(world, phone)) == 1


def test_a_message_refused_for_the_day_waits_for_beijing_midnight_not_an_hour(world):
    phone = world["deputy"]["phone"]
    world["sms"].throttle(phone, message="触发天级流控Permits:50")
    submit(world, 1)
    world["sms"].throttled_phones.clear()
    notify.run(now=T0 + timedelta(minutes=61))
    notify.run(now=MIDNIGHT_IN_BEIJING - timedelta(minutes=1))
    assert sends_to(world, phone) == []
    notify.run(now=MIDNIGHT_IN_BEIJING + timedelta(minutes=2))
    assert sends_to(world, phone) == [{"count": "1", "kind": "群众诉求"}]


def test_a_digest_throttled_by_the_apis_rate_goes_at_the_next_drains(world):
    phone = "13900000090"
    for n in range(2):
        sms_queue.enqueue(phone=phone, entry_id=f"e{n}", event="case_submit", now=T0,
                          case={"id": f"c{n}", "region_id": "demo"})
    world["sms"].throttle(phone, code="Throttling.User", message="Request was denied")
    assert sms_digest.flush(phone, T0, dispatch.sms) == "retry"
    world["sms"].throttled_phones.clear()
    assert sms_digest.flush(phone, T0 + timedelta(seconds=20), dispatch.sms) == "waiting"
    assert sms_digest.flush(phone, T0 + timedelta(minutes=1), dispatch.sms) == "sent"
    assert sends_to(world, phone) == [{"count": "2", "kind": "群众诉求"}]
    # It went: the phone's own hour now runs from this send.
    sms_queue.enqueue(phone=phone, entry_id="e9", event="case_submit", now=T0,
                      case={"id": "c9", "region_id": "demo"})
    assert sms_digest.flush(phone, T0 + timedelta(minutes=30), dispatch.sms) == "waiting"
