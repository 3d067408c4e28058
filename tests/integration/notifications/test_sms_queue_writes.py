"""The SMS queue of a phone changes by one conditional write each: the first message is
queued and claimed in one write, its send ends in one more; nothing is read first."""
from datetime import timedelta

import pytest

from functions.notifications import sms_digest
from tests.integration.notify_world import T0, world  # noqa: F401 (a fixture)
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
PHONE = "13900000088"
CASE = {"id": "c-sms", "region_id": "demo"}


def sender(sent, result="sent", detail="ok"):
    return lambda **kw: sent.append(kw) or (result, detail)


def queue_calls(calls):
    return [c.operation for c in calls if c.key == "SMSDIGEST"]


def test_the_first_message_is_queued_and_claimed_in_one_write_and_ended_in_one(world):
    sent, log = [], []
    with StoreCallCounter() as counter:
        batch = sms_digest.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                                   now=T0, claim=True)
        sms_digest.send_claimed(PHONE, batch, T0, sender(sent), region_id="demo", name=None,
                                log=log)
        calls = counter.take()
    assert queue_calls(calls) == ["UpdateItem", "UpdateItem"]
    assert [s["params"] for s in sent] == [{"count": "1", "kind": "群众诉求"}]
    assert [(i.channel, i.result) for i in log] == [("sms", "sent")]


def test_a_message_queued_again_after_its_send_is_not_sent_again(world):
    sent = []
    batch = sms_digest.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                               now=T0, claim=True)
    sms_digest.send_claimed(PHONE, batch, T0, sender(sent), region_id="demo", name=None)
    later = T0 + timedelta(hours=2)  # the window is open again
    assert sms_digest.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                              now=later, claim=True) is None
    assert sms_digest.flush(PHONE, later, sender(sent)) == "empty"
    assert len(sent) == 1


def test_within_the_window_messages_wait_for_one_digest(world):
    sent = []
    first = sms_digest.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                               now=T0, claim=True)
    sms_digest.send_claimed(PHONE, first, T0, sender(sent), region_id="demo", name=None)
    for n in (2, 3):
        assert sms_digest.enqueue(phone=PHONE, entry_id=f"e{n}", case={**CASE, "id": f"c{n}"},
                                  event="case_submit", now=T0 + timedelta(minutes=n),
                                  claim=True) is None
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=30), sender(sent)) == "waiting"
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=61), sender(sent)) == "sent"
    assert [s["params"] for s in sent] == [{"count": "1", "kind": "群众诉求"}, {"count": "2", "kind": "群众诉求"}]


def test_a_throttled_first_message_waits_for_the_next_window_and_goes_once(world):
    sent = []
    batch = sms_digest.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                               now=T0, claim=True)
    hour_limit = "isv.BUSINESS_LIMIT_CONTROL: 触发小时级流控Permits:5"
    assert sms_digest.send_claimed(PHONE, batch, T0, sender(sent, "retry", hour_limit),
                                   region_id="demo", name=None) == "retry"
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=30), sender(sent)) == "waiting"
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=61), sender(sent)) == "sent"
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=62), sender(sent)) == "empty"
    assert len(sent) == 2 and sent[1]["params"] == {"count": "1", "kind": "群众诉求"}


def test_two_senders_queueing_at_once_claim_one_send_between_them(world):
    from concurrent.futures import ThreadPoolExecutor

    def queue(entry_id):
        return sms_digest.enqueue(phone=PHONE, entry_id=entry_id, case=CASE,
                                  event="case_submit", now=T0, claim=True)
    with ThreadPoolExecutor(4) as pool:
        same = list(pool.map(queue, ["e1"] * 4))  # one notice, four senders
        other = list(pool.map(queue, ["e2", "e3"]))
    assert sum(batch is not None for batch in same) == 1
    assert other == [None, None]  # the phone heard at once: these wait for the digest
    sent = []
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=5), sender(sent)) == "in_flight"
    assert sent == []
