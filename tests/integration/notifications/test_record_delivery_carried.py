"""The entries one write of a case owes are delivered with one log write and one release
between them, each entry's outcome riding the case's last write; a sender dying before
that write leaves each entry to be settled by the next sender, sent once or `unknown`."""
import json
from datetime import timedelta

import pytest

from functions.cases import repository as case_repository
from functions.notifications import drain as notify, record_delivery
from functions.workflow.engine import outbox_entry
from tests.integration.notifications.test_sms_at_once_crashes import (
    CLAIMED, drain_dying, outbox, sms_results, written_but_not_delivered)
from tests.integration.notify_world import T0, world  # noqa: F401 (a fixture)
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration


def owing_two(world, store, wechat_fake, sms_fake):
    """The deputy (SMS only) owed a new case and an urge by one write of the case."""
    case, env = written_but_not_delivered(world, store, wechat_fake, sms_fake)
    stored = case_repository.get(case["id"])
    case_repository.save({**stored, "outbox": [
        *stored["outbox"], outbox_entry("case_urge", "deputy", T0)]})
    return case, env


def test_two_entries_cost_one_log_write_and_one_release(world, store, wechat_fake, sms_fake):
    case, _ = owing_two(world, store, wechat_fake, sms_fake)
    with StoreCallCounter() as counter:
        assert record_delivery.deliver(case["id"], CLAIMED) == 2
        ops = [f"{c.operation} {c.key}" for c in counter.take()]
    assert ops.count("PutItem CASE") == 1 and ops.count("BatchWriteItem *") == 1
    assert not outbox(case)
    notify.run(now=T0 + timedelta(minutes=62))  # the urge goes with the hour's digest
    assert [json.loads(s["TemplateParam"])["count"] for s in sms_fake.sends()] == ["1", "1"]
    assert sms_results() == ["sent", "sent"]


def test_a_sender_dying_before_the_cases_write_leaves_each_sms_sent_once_or_unknown(
        world, store, wechat_fake, sms_fake):
    case, env = owing_two(world, store, wechat_fake, sms_fake)
    drain_dying(env, "before the record's write")
    assert len(outbox(case)) == 2 and len(sms_fake.sends()) == 1  # the first, at once
    notify.run(now=CLAIMED + timedelta(minutes=2))
    assert [e["event"] for e in outbox(case)] == ["case_submit"]  # its SMS may be going
    notify.run(now=CLAIMED + timedelta(minutes=10))
    notify.run(now=T0 + timedelta(minutes=62))
    notify.run(now=T0 + timedelta(hours=5))
    assert not outbox(case) and len(sms_fake.sends()) == 2  # the urge in the digest
    assert sorted(sms_results()) == ["sent", "unknown"]
