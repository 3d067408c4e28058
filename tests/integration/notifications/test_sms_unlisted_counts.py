"""Notices beyond a full SMS queue's listed entries are counted, by kind, in one write that
adds to the queue's version: a digest saved at any moment loses none of them and never
makes the count fail; one counted after a digest emptied the queue goes in the next."""
from datetime import timedelta

import pytest

from functions.notifications import sms_digest, sms_queue, sms_queue_writes as writes
from functions.shared.clock import iso
from tests.integration.notify_world import T0, world  # noqa: F401 (a fixture)
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
PHONE = "13900000066"


def sender(sent):
    return lambda **kw: sent.append(kw["params"]) or ("sent", "ok")


def queue(entry_id: str, kind: str = "suggestion"):
    sms_queue.enqueue(phone=PHONE, entry_id=entry_id, case={"id": f"r-{entry_id}",
                      "region_id": "demo"}, event=f"{kind}_submit", now=T0, kind=kind)


def test_a_digest_saved_while_a_notice_is_counted_loses_nothing(world, monkeypatch):
    queue("e1")  # waiting for a digest
    sent, state, real = [], {"flushed": False}, writes._update

    def digest_after_the_first_write(*args, **kwargs):
        done = real(*args, **kwargs)
        if not state["flushed"]:  # the drain saves its digest right after this write
            state["flushed"] = True
            assert sms_digest.flush(PHONE, T0, sender(sent)) == "sent"
        return done
    monkeypatch.setattr(writes, "_update", digest_after_the_first_write)
    assert writes.count_unlisted(phone=PHONE, entry_id="e2", due=iso(T0), kind="suggestion")
    monkeypatch.undo()
    sms_digest.flush(PHONE, T0 + timedelta(minutes=61), sender(sent))
    assert sum(int(p["count"]) for p in sent) == 2
    assert {p["kind"] for p in sent} == {"代表建议"}


def test_a_notice_counted_after_a_digest_emptied_the_queue_goes_in_the_next(world):
    queue("e1")
    sent = []
    assert sms_digest.flush(PHONE, T0, sender(sent)) == "sent"
    assert writes.count_unlisted(phone=PHONE, entry_id="e2", due=iso(T0), kind="project")
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=61), sender(sent)) == "sent"
    assert sent[1] == {"count": "1", "kind": "民生实事"}
    assert sms_digest.flush(PHONE, T0 + timedelta(minutes=130), sender(sent)) == "empty"


def test_counting_a_notice_is_one_write_that_adds_to_the_version(world):
    queue("e1")
    before = writes.load(PHONE).version
    with StoreCallCounter() as counter:
        assert writes.count_unlisted(phone=PHONE, entry_id="e2", due=iso(T0), kind="suggestion")
        calls = counter.take()
    assert [c.operation for c in calls if c.key == "SMSDIGEST"] == ["UpdateItem"]
    item = writes.load(PHONE)
    assert (item.version, item.unlisted, writes.unlisted_kinds(item)) == (
        before + 1, 1, {"suggestion": 1})
    assert not writes.count_unlisted(phone=PHONE, entry_id="e2", due=iso(T0))  # once
