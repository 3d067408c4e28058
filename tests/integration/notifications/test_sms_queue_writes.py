"""The SMS queue of a phone changes by one conditional write each: the first message is
queued and claimed in one write, and its sent message ends with its log record, not
another write; nothing is read first."""
from datetime import timedelta

import pytest

from functions.notifications import sms_at_once, sms_digest, sms_queue, sms_windows
from tests.integration.notify_world import T0, world  # noqa: F401 (a fixture)
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
PHONE = "13900000088"
CASE = {"id": "c-sms", "region_id": "demo"}


def sender(sent, result="sent", detail="ok"):
    return lambda **kw: sent.append(kw) or (result, detail)


def queue_calls(calls):
    return [c.operation for c in calls if c.key == "SMSDIGEST"]


def test_the_first_message_is_queued_claimed_and_sent_with_one_write_of_the_queue(world):
    sent, log = [], []
    with StoreCallCounter() as counter:
        batch = sms_queue.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                                  now=T0, claim=True)
        sms_at_once.send_claimed(PHONE, batch, T0, sender(sent), region_id="demo", name=None,
                                 log=log)
        calls = counter.take()
    assert queue_calls(calls) == ["UpdateItem"]
    assert [s["params"] for s in sent] == [{"count": "1", "kind": "群众诉求"}]
    # The batch's record, and its pointer in the case's list, for the caller's one write.
    assert [(i.pk, i.channel, i.result) for i in log] == [
        ("REGION#demo", "sms", "sent"), ("CASE#c-sms", "sms", "sent")]


def test_a_message_queued_again_after_its_send_is_not_sent_again(world):
    sent = []
    batch = sms_queue.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                              now=T0, claim=True)
    sms_at_once.send_claimed(PHONE, batch, T0, sender(sent), region_id="demo", name=None)
    later = T0 + timedelta(hours=2)  # the window is open again
    assert sms_queue.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                             now=later, claim=True) is None
    assert sms_digest.flush(PHONE, later, sender(sent)) == "empty"
    assert len(sent) == 1


def test_within_the_window_messages_wait_for_one_digest(world):
    sent = []
    first = sms_queue.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                              now=T0, claim=True)
    sms_at_once.send_claimed(PHONE, first, T0, sender(sent), region_id="demo", name=None)
    for n in (2, 3):
        assert sms_queue.enqueue(phone=PHONE, entry_id=f"e{n}", case={**CASE, "id": f"c{n}"},
                                 event="case_submit", now=T0 + timedelta(minutes=n),
                                 claim=True) is None
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=30), sender(sent)) == "waiting"
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=61), sender(sent)) == "sent"
    assert [s["params"] for s in sent] == [{"count": "1", "kind": "群众诉求"}, {"count": "2", "kind": "群众诉求"}]


def test_a_throttled_first_message_waits_for_the_next_window_and_goes_once(world):
    sent = []
    batch = sms_queue.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                              now=T0, claim=True)
    hour_limit = "isv.BUSINESS_LIMIT_CONTROL: 触发小时级流控Permits:5"
    assert sms_at_once.send_claimed(PHONE, batch, T0, sender(sent, "retry", hour_limit),
                                    region_id="demo", name=None) == "retry"
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=30), sender(sent)) == "waiting"
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=61), sender(sent)) == "sent"
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=62), sender(sent)) == "empty"
    assert len(sent) == 2 and sent[1]["params"] == {"count": "1", "kind": "群众诉求"}


def test_two_senders_queueing_at_once_claim_one_send_between_them(world):
    from concurrent.futures import ThreadPoolExecutor

    def queue(entry_id):
        return sms_queue.enqueue(phone=PHONE, entry_id=entry_id, case=CASE,
                                 event="case_submit", now=T0, claim=True)
    with ThreadPoolExecutor(4) as pool:
        same = list(pool.map(queue, ["e1"] * 4))  # one notice, four senders
        other = list(pool.map(queue, ["e2", "e3"]))
    assert sum(batch is not None for batch in same) == 1
    assert other == [None, None]  # the phone heard at once: these wait for the digest
    sent = []
    # The one claimed is its sender's to send: the others wait for the window.
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=5), sender(sent)) == "waiting"
    assert sent == []


def test_a_notice_within_the_window_this_process_saw_open_is_queued_in_one_write(world):
    first = sms_queue.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                              now=T0, claim=True)
    sms_at_once.send_claimed(PHONE, first, T0, sender([]), region_id="demo", name=None)
    with StoreCallCounter() as counter:
        assert sms_queue.enqueue(phone=PHONE, entry_id="e2", case=CASE, event="case_submit",
                                 now=T0 + timedelta(minutes=5), claim=True) is None
        calls = counter.take()
    assert queue_calls(calls) == ["UpdateItem"]  # no claim tried: it could only fail
    sms_windows._seen.clear()  # another process, which never saw this phone
    with StoreCallCounter() as counter:
        assert sms_queue.enqueue(phone=PHONE, entry_id="e3", case=CASE, event="case_submit",
                                 now=T0 + timedelta(minutes=6), claim=True) is None
        calls = counter.take()
    assert queue_calls(calls) == ["UpdateItem", "UpdateItem"]  # the claim refused, then queued
    later = T0 + timedelta(minutes=61)
    assert sms_digest.flush(PHONE, later, sender([])) == "sent"
    assert sms_queue.enqueue(phone=PHONE, entry_id="e4", case=CASE, event="case_submit",
                             now=later + timedelta(minutes=61), claim=True) is not None


def test_a_digest_keeps_the_message_sent_at_once_from_being_queued_again(world):
    batch = sms_queue.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                              now=T0, claim=True)  # its sender dies: the entry retries it
    sms_queue.enqueue(phone=PHONE, entry_id="e2", case=CASE, event="case_submit",
                      now=T0 + timedelta(minutes=1), claim=True)
    sent = []
    assert batch and sms_digest.flush(PHONE, T0 + timedelta(minutes=61), sender(sent)) == "sent"
    sms_windows._seen.clear()
    assert sms_queue.enqueue(phone=PHONE, entry_id="e1", case=CASE, event="case_submit",
                             now=T0 + timedelta(minutes=62), claim=True) is None
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=125), sender(sent)) == "empty"
    assert [s["params"]["count"] for s in sent] == ["1"]  # e2 alone, e1 never again
