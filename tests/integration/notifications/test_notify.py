"""The outbox drain against fake WeChat and Aliyun SMS servers, with the real clients."""
import json
import os
import signal
import subprocess
import sys
from datetime import timedelta

import pytest

from functions.notifications import drain as notify, credits as subscriptions
from functions.shared.clock import iso
from functions.cases import repository as case_repository
from functions.storage import keys
from tests.fakes.fixtures import TEMPLATES, channel_env
from tests.integration.notify_world import T0, submit, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.integration


def test_a_deputy_with_a_credit_gets_the_wechat_message_and_an_sms_at_once(world):
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=TEMPLATES["new_case"])
    world["wechat"].grant("openid-deputy", TEMPLATES["new_case"])
    case = submit(world, 1)
    sent = world["wechat"].sent()
    assert [(m["touser"], m["template_id"]) for m in sent] == [
        ("openid-deputy", TEMPLATES["new_case"])]
    assert sent[0]["data"]["character_string3"]["value"] == case["id"]
    assert [s["PhoneNumbers"] for s in world["sms"].sends()] == [world["deputy"]["phone"]]
    assert not case_repository.get(case["id"])["outbox"]


def test_without_a_credit_nothing_is_sent_to_wechat_and_the_skip_is_recorded(world):
    case = submit(world, 1)
    assert world["wechat"].sent() == []
    from functions.notifications.log import list_records
    records = list_records(actor={"region_id": "demo"}, case_id=case["id"])["items"]
    # The deputy's SMS sent at once shows in the case's list too (functions/notifications/
    # sms_pointers.py).
    assert sorted((r["channel"], r["result"]) for r in records) == [
        ("sms", "sent"), ("wechat", "skipped")]


def test_thirty_new_cases_in_an_hour_give_one_sms_then_one_digest(world):
    for n in range(30):
        submit(world, n, now=T0 + timedelta(minutes=n))
    assert len(world["sms"].sends()) == 1
    notify.run(now=T0 + timedelta(minutes=45))
    assert len(world["sms"].sends()) == 1
    notify.run(now=T0 + timedelta(minutes=61))
    sends = world["sms"].sends()
    assert len(sends) == 2 and json.loads(sends[1]["TemplateParam"]) == {"count": "29",
                                                                      "kind": "群众诉求"}
    notify.run(now=T0 + timedelta(hours=3))
    assert len(world["sms"].sends()) == 2


def test_a_throttled_sms_is_retried_in_the_next_window_and_sent_once(world):
    world["sms"].throttle(world["deputy"]["phone"])
    submit(world, 1)
    assert world["sms"].sends() == []
    world["sms"].throttled_phones.clear()
    notify.run(now=T0 + timedelta(minutes=30))
    assert world["sms"].sends() == []
    notify.run(now=T0 + timedelta(minutes=61))
    notify.run(now=T0 + timedelta(minutes=62))
    assert len(world["sms"].sends()) == 1


def test_a_busy_wechat_is_retried_with_backoff_and_the_message_goes_once(world):
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=TEMPLATES["new_case"])
    world["wechat"].grant("openid-deputy", TEMPLATES["new_case"])
    world["wechat"].busy = True
    case = submit(world, 1)
    assert world["wechat"].sent() == []
    world["wechat"].busy = False
    notify.run(now=T0 + timedelta(seconds=30))
    assert world["wechat"].sent() == []  # the first backoff step has not passed
    notify.run(now=T0 + timedelta(minutes=2))
    notify.run(now=T0 + timedelta(minutes=3))
    assert len(world["wechat"].sent()) == 1
    assert not case_repository.get(case["id"])["outbox"]


def test_an_expired_access_token_is_refetched_and_the_send_succeeds(world):
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=TEMPLATES["new_case"])
    world["wechat"].grant("openid-deputy", TEMPLATES["new_case"])
    submit(world, 1)
    world["wechat"].expire_current_token()
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=TEMPLATES["new_case"])
    world["wechat"].grant("openid-deputy", TEMPLATES["new_case"])
    submit(world, 2)
    assert len(world["wechat"].sent()) == 2 and world["wechat"].token_fetches() == 2


def test_a_credit_wechat_no_longer_honours_is_reset_after_43101(world):
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=TEMPLATES["new_case"],
                              count=3)
    case = submit(world, 1)
    from functions.notifications.log import list_records
    records = list_records(actor={"region_id": "demo"}, case_id=case["id"],
                           channel="wechat")["items"]
    assert records[0]["result"] == "failed" and records[0]["detail"].startswith("43101")
    assert subscriptions.credits_of(world["deputy_user"], [TEMPLATES["new_case"]]) == {
        TEMPLATES["new_case"]: 0}


def test_a_case_written_by_a_process_that_died_before_sending_is_sent_by_the_next_drain(
        world, store):
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=TEMPLATES["new_case"])
    world["wechat"].grant("openid-deputy", TEMPLATES["new_case"])
    script = _DYING_WRITER.format(citizen=world["citizen"], entry=world["deputy"]["entry_code"],
                                  now=T0.isoformat())
    env = {**os.environ, **channel_env(store, world["wechat"], "127.0.0.1:1")}
    child = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                           text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]
    case_id = child.stdout.strip()
    assert case_repository.get(case_id)["outbox"] and world["wechat"].sent() == []
    result = notify.run(now=T0 + timedelta(minutes=1))
    assert result["entries"] == 1 and len(world["wechat"].sent()) == 1
    notify.run(now=T0 + timedelta(minutes=10))
    assert len(world["wechat"].sent()) == 1


# Writes a case exactly as a submission does, then dies before anything is sent.
_DYING_WRITER = """
import os, signal
from functions.cases import after_write, submission
from functions.shared.config import load_settings
from functions.storage.connection import configure
configure(load_settings())
after_write.case_written = lambda old, new, now=None: (print(new["id"], flush=True),
                                             os.kill(os.getpid(), signal.SIGKILL))
from datetime import datetime
# The same fixed moment the test drains at: never the real clock beside a fixed date.
submission.submit(actor={citizen!r}, idempotency_key="dying", now=datetime.fromisoformat({now!r}),
                  body={{"entry_code": {entry!r}, "category": "other", "type": "request",
                        "content": "写入后进程被杀死"}})
"""


def test_a_flooded_phone_queue_stops_listing_but_counts_every_message(world):
    from functions.notifications import sms_digest, sms_queue
    phone = "13900000077"
    for n in range(sms_queue.MAX_LISTED + 25):
        sms_queue.enqueue(phone=phone, entry_id=f"e{n}", event="case_submit", now=T0,
                          case={"id": f"c-flood-{n}", "region_id": "demo"})
    sent = []
    sms_digest.flush(phone, T0, lambda **kw: sent.append(kw) or ("sent", "ok"))
    assert [s["params"] for s in sent] == [{"count": str(sms_queue.MAX_LISTED + 25),
                                            "kind": "群众诉求"}]


def test_each_attempt_is_logged_at_the_moment_its_sender_ran_as_not_the_machines_date(world):
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=TEMPLATES["new_case"])
    world["wechat"].grant("openid-deputy", TEMPLATES["new_case"])
    world["wechat"].busy = True
    case = submit(world, 1)
    world["wechat"].busy = False
    later = T0 + timedelta(minutes=2)
    notify.run(now=later)
    from functions.notifications.log import list_records
    records = list_records(actor={"region_id": "demo"}, case_id=case["id"],
                           channel="wechat")["items"]
    assert sorted((r["result"], r["at"]) for r in records) == [
        ("retry", iso(T0)), ("sent", iso(later))]


def test_a_citizen_without_a_credit_is_skipped_without_claiming_the_send(world):
    from functions.cases.moves import outbox_entry
    from functions.notifications import record_delivery
    from functions.notifications.log import list_records
    from tests.store_call_counter import StoreCallCounter
    case = submit(world, 1)
    owed = [outbox_entry("case_reply", "citizen", T0)]
    case = case_repository.save({**case_repository.get(case["id"]), "outbox": owed})
    with StoreCallCounter() as counter:  # as the request that wrote it delivers it
        assert record_delivery.deliver(case["id"], T0, record=case,
                                       writes=(case["version"],)) == 1
        ops = [f"{c.operation} {c.key}" for c in counter.take()]
    # The user and its credits in one Query; no claim, no credit spent; log; release.
    assert ops == ["Query USER", "BatchWriteItem *", "PutItem CASE"]
    assert world["wechat"].requests == []
    records = list_records(actor={"region_id": "demo"}, case_id=case["id"],
                           channel="wechat")["items"]
    assert [(r["recipient"], r["result"]) for r in records
            if r["recipient"].startswith("user:")] == [
        (f"user:{world['citizen']['user_id']}", "skipped")]


def test_a_citizen_with_a_credit_is_sent_once_its_credit_write_claiming_the_send(world):
    from functions.cases.moves import outbox_entry
    from functions.notifications import record_delivery
    from tests.store_call_counter import StoreCallCounter
    subscriptions.add_credits(user_id=world["citizen"]["user_id"],
                              template_id=TEMPLATES["new_case"])
    world["wechat"].grant("openid-citizen", TEMPLATES["new_case"])
    case = submit(world, 1)
    owed = [outbox_entry("case_rate", "citizen", T0)]  # a new_case template event
    case = case_repository.save({**case_repository.get(case["id"]), "outbox": owed})
    with StoreCallCounter() as counter:  # as the request that wrote it delivers it
        assert record_delivery.deliver(case["id"], T0, record=case,
                                       writes=(case["version"],)) == 1
        ops = [f"{c.operation} {c.key}" for c in counter.take()
               if c.key != "WXSESSION"]  # the access token's cache, not the delivery's
    # Under the creating write's lease the credit's write is the claim: no write of the
    # case before the send, only the release after it.
    assert ops == ["Query USER", "UpdateItem USER", "BatchWriteItem *", "PutItem CASE"]
    assert world["wechat"].sends_to("openid-citizen") == 1
    assert not case_repository.get(case["id"])["outbox"]
    credit = subscriptions.user_partition(world["citizen"]["user_id"])[
        keys.credit_sk(TEMPLATES["new_case"])]
    assert subscriptions.spent_for(credit) == {owed[0]["id"]}


def test_the_drain_claims_in_the_case_a_send_it_takes_over(world):
    from functions.cases.moves import outbox_entry
    from functions.notifications import record_delivery
    from tests.store_call_counter import StoreCallCounter
    subscriptions.add_credits(user_id=world["citizen"]["user_id"],
                              template_id=TEMPLATES["new_case"])
    world["wechat"].grant("openid-citizen", TEMPLATES["new_case"])
    case = submit(world, 1)
    owed = [outbox_entry("case_rate", "citizen", T0)]
    case = case_repository.save({**case_repository.get(case["id"]), "outbox": owed})
    assert record_delivery.deliver(case["id"], T0 + timedelta(seconds=30)) == 0  # leased
    assert world["wechat"].sends_to("openid-citizen") == 0
    with StoreCallCounter() as counter:  # the creating write's deliverer never came
        assert record_delivery.deliver(case["id"], T0 + timedelta(minutes=1)) == 1
        ops = [f"{c.operation} {c.key}" for c in counter.take() if c.key != "WXSESSION"]
    assert ops == ["GetItem CASE", "Query USER", "PutItem CASE", "UpdateItem USER",
                   "BatchWriteItem *", "PutItem CASE"]
    assert world["wechat"].sends_to("openid-citizen") == 1
