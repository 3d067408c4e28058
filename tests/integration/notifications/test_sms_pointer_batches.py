"""Each SMS batch keys one region record and one pointer per record it lists: a batch logged
again (`unknown` by the next sender, then its own sender's result) overwrites both; a
throttled digest that goes later is a new batch, shown as its own entry; a digest whose
sender died shows once, `unknown` or as its sender logged it. The pointers ride the batch's
BatchWriteItem: a digest send costs the calls it did (functions/notifications/sms_pointers.py)."""
from datetime import timedelta

import pytest

from functions.notifications import drain as notify, sms_at_once, sms_digest, sms_queue
from functions.notifications import sms_queue_writes as writes
from functions.notifications.log import list_records
from functions.storage import keys
from functions.storage.notification_models import NotificationItem
from tests.integration.notifications.test_sms_digest_crashes import DIGEST_AT, drain_dying
from tests.integration.notify_world import T0, submit, world  # noqa: F401 (a fixture)
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
DEMO = {"region_id": "demo"}


def sms_of(case_id: str) -> list[tuple]:
    """(id, when, result, event) of each SMS in the case's own list, newest first."""
    return [(r["id"], r["at"], r["result"], r["event"])
            for r in list_records(actor=DEMO, record_id=case_id, channel="sms")["items"]]


def batches() -> list[tuple]:
    """(id, result) of each SMS batch in the region's list (the seed's project notices left
    out), newest first."""
    return [(r["id"], r["result"]) for r in list_records(actor=DEMO, channel="sms",
                                                         limit=100)["items"]
            if r["event"] == "sms_digest"]


def test_a_batch_logged_again_overwrites_its_record_and_its_pointer(world):
    case = submit(world, 1)  # the deputy's SMS at once, logged `sent`
    [(batch_id, when, result, event)] = sms_of(case["id"])
    assert (result, event) == ("sent", "case_submit")
    phone = world["deputy"]["phone"]
    claimed = writes.load(phone).at_once
    for late in ("unknown", "sent"):  # the next sender's settling, then the slow sender's
        sms_at_once.record(phone=phone, region_id="demo", name="代表 张建国", batch=claimed,
                           result=late, detail=f"logged as {late}")
        assert sms_of(case["id"]) == [(batch_id, when, late, "case_submit")]
        assert batches() == [(batch_id, late)]


def test_a_throttled_digest_and_the_one_that_went_later_are_two_entries(world):
    phone = world["deputy"]["phone"]
    submit(world, 1)  # sent at once
    case = submit(world, 2, now=T0 + timedelta(minutes=30))
    world["sms"].throttle(phone, code="Throttling.User", message="Request was denied")
    notify.run(now=T0 + timedelta(minutes=61))
    world["sms"].throttled_phones.clear()
    notify.run(now=T0 + timedelta(minutes=62))
    notify.run(now=T0 + timedelta(hours=3))
    assert [(at, result, event) for _, at, result, event in sms_of(case["id"])] == [
        ("2026-11-30T03:02:00Z", "sent", "case_submit"),
        ("2026-11-30T03:01:00Z", "retry", "case_submit")]
    assert [result for _, result in batches()] == ["sent", "retry", "sent"]


@pytest.mark.parametrize("point, result", [("before the send", "unknown"),
                                           ("after the log", "sent")])
def test_a_digest_whose_sender_died_shows_once_in_the_cases_list(
        world, store, wechat_fake, sms_fake, point, result):
    submit(world, 1)
    case = submit(world, 2, now=T0 + timedelta(minutes=30))
    drain_dying(world, store, wechat_fake, sms_fake, point)
    notify.run(now=DIGEST_AT + timedelta(minutes=11))  # its claim is stale: settled
    notify.run(now=DIGEST_AT + timedelta(hours=3))
    assert [(at, got) for _, at, got, _ in sms_of(case["id"])] == [
        ("2026-11-30T03:01:00Z", result)]


def queue_for(phone: str, records: int, unlisted: int = 0) -> None:
    for n in range(records + unlisted):
        sms_queue.enqueue(phone=phone, entry_id=f"e{n}", event="case_submit", now=T0,
                          case={"id": f"c{n}", "region_id": "demo"})


def pointed(case_id: str) -> int:
    return NotificationItem.count(keys.case_pk(case_id), NotificationItem.sk.startswith("NOTIF#"))


def test_a_digests_pointers_ride_its_one_log_write(world):
    phone = "13900000071"
    queue_for(phone, 2)
    with StoreCallCounter() as counter:
        assert sms_digest.flush(phone, T0, lambda **kw: ("sent", "ok")) == "sent"
        ops = [f"{c.operation} {c.key}" for c in counter.take()]
    # The queue read, its claim, the batch's record with a pointer each, the claim cleared.
    assert ops == ["GetItem SMSDIGEST", "PutItem SMSDIGEST", "BatchWriteItem *",
                   "UpdateItem SMSDIGEST"]
    assert (pointed("c0"), pointed("c1")) == (1, 1)


def test_a_flooded_digest_points_to_its_listed_records_only_25_a_call(world):
    phone = "13900000072"
    queue_for(phone, sms_queue.MAX_LISTED, unlisted=5)
    with StoreCallCounter() as counter:
        assert sms_digest.flush(phone, T0, lambda **kw: ("sent", "ok")) == "sent"
        ops = [c.operation for c in counter.take()]
    logged = 1 + sms_queue.MAX_LISTED  # the batch's record and a pointer a listed record
    assert ops.count("BatchWriteItem") == -(-logged // 25) == 13 and len(ops) == 16
    assert pointed(f"c{sms_queue.MAX_LISTED - 1}") == 1
    assert pointed(f"c{sms_queue.MAX_LISTED}") == 0  # only counted: not known which
