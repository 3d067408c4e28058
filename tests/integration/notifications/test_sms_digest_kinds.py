"""The SMS names what it is about: 代表建议 for suggestion notices, 群众诉求 for cases, and
each with its count when one digest holds both (as the fake Aliyun server received it)."""
import json
from datetime import timedelta

import pytest

from functions.notifications import dispatch, sms_digest, sms_queue
from functions.suggestions import drafting, moves
from tests.integration.notify_world import T0, submit, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.integration
OFFICE_PHONE = "13800000101"
OFFICE = {"kind": "staff", "role": "office", "region_id": "demo", "username": "office"}


def received(world, phone: str) -> list[dict]:
    return [json.loads(s["TemplateParam"]) for s in world["sms"].sends()
            if s["PhoneNumbers"] == phone]


def test_a_submitted_suggestion_texts_the_office_about_a_deputy_suggestion(world):
    deputy = {"kind": "user", "user_id": world["deputy_user"], "roles": ["citizen", "deputy"],
              "deputy_id": world["deputy"]["id"]}
    draft, _ = drafting.create(actor=deputy, idempotency_key="k1", now=T0, body={
        "title": "关于改善东街照明的建议", "content": "东街路灯长期损坏。",
        "category": "city_construction", "session": "session"})
    moves.act(suggestion_id=draft["id"], action="submit", actor=deputy, now=T0)
    assert received(world, OFFICE_PHONE) == [{"count": "1", "kind": "代表建议"}]


def test_a_digest_of_cases_and_suggestions_counts_each(world):
    phone = "13900000078"
    for n, kind in enumerate(["case", "suggestion", "suggestion"]):
        sms_queue.enqueue(phone=phone, entry_id=f"e{n}", event=f"{kind}_submit", now=T0,
                          case={"id": f"r{n}", "region_id": "demo"}, kind=kind)
    assert sms_digest.flush(phone, T0, dispatch.sms) == "sent"
    assert received(world, phone) == [{"count": "3", "kind": "事项（群众诉求1件、代表建议2件）"}]


def test_a_flooded_queue_of_suggestion_notices_still_says_what_they_are(world):
    phone = "13900000079"
    for n in range(sms_queue.MAX_LISTED + 5):
        sms_queue.enqueue(phone=phone, entry_id=f"e{n}", event="suggestion_submit", now=T0,
                          case={"id": f"s{n}", "region_id": "demo"}, kind="suggestion")
    sms_digest.flush(phone, T0 + timedelta(hours=1), dispatch.sms)
    assert received(world, phone) == [{"count": str(sms_queue.MAX_LISTED + 5),
                                       "kind": "代表建议"}]


def test_a_throttled_digest_put_back_keeps_saying_what_it_is_about(world):
    phone = "13900000080"
    world["sms"].throttle(phone)
    suggestions = sms_queue.MAX_LISTED + 2  # some beyond the listed ones
    for n in range(suggestions):
        sms_queue.enqueue(phone=phone, entry_id=f"e{n}", event="suggestion_assign", now=T0,
                          case={"id": f"s{n}", "region_id": "demo"}, kind="suggestion")
    assert sms_digest.flush(phone, T0, dispatch.sms) == "retry"
    world["sms"].throttled_phones.clear()
    sms_queue.enqueue(phone=phone, entry_id="c1", event="case_submit", now=T0,
                      case={"id": "c1", "region_id": "demo"})
    assert sms_digest.flush(phone, T0 + timedelta(hours=1), dispatch.sms) == "sent"
    assert received(world, phone) == [{"count": str(sms_queue.MAX_LISTED + 3),
                                       "kind": f"事项（群众诉求1件、代表建议{suggestions}件）"}]


def test_a_digest_counts_each_case_once_however_many_notices_it_had(world):
    phone = "13900000081"
    notices = [("c1", "case", "case_submit"), ("c1", "case", "deadline_reminder"),
               ("c2", "case", "case_submit"), ("s1", "suggestion", "suggestion_assign"),
               ("s1", "suggestion", "suggestion_urge"), ("c1", "case", "case_urge")]
    for n, (record, kind, event) in enumerate(notices):
        sms_queue.enqueue(phone=phone, entry_id=f"e{n}", event=event, now=T0, kind=kind,
                          case={"id": record, "region_id": "demo"})
    assert sms_digest.flush(phone, T0, dispatch.sms) == "sent"
    assert received(world, phone) == [{"count": "3", "kind": "事项（群众诉求2件、代表建议1件）"}]


def test_a_throttled_digest_of_repeated_notices_still_counts_each_case_once(world):
    phone = "13900000082"
    world["sms"].throttle(phone)
    for n in range(3):
        sms_queue.enqueue(phone=phone, entry_id=f"e{n}", event="deadline_reminder", now=T0,
                          case={"id": "c9", "region_id": "demo"})
    assert sms_digest.flush(phone, T0, dispatch.sms) == "retry"
    world["sms"].throttled_phones.clear()
    assert sms_digest.flush(phone, T0 + timedelta(hours=1), dispatch.sms) == "sent"
    assert received(world, phone) == [{"count": "1", "kind": "群众诉求"}]
