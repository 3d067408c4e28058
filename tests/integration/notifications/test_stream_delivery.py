"""The notify function fed recorded DynamoDB Streams events (tests/events/dynamodb-stream-*):
a changed case's outbox goes out from the stream's new image, once, against the fakes."""
import json
import pathlib
from datetime import timedelta

import pytest

from functions.cases import repository as case_repository
from functions.notifications import credits as subscriptions, drain as notify
from functions.shared import clock
from functions.storage.models import BaseItem
from tests.fakes.fixtures import TEMPLATES
from tests.integration.notify_world import T0, world  # noqa: F401 (a fixture)
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
EVENTS = pathlib.Path(__file__).parents[2] / "events"
RECORDED_DEPUTY = "d64a31974d0e5591c"  # the deputy the recorded images name


def stream_event(world, name: str) -> dict:
    """The recorded event with this world's deputy, its cases' images written to the table
    as the writes the stream reports (what the table holds when the event arrives)."""
    text = (EVENTS / f"dynamodb-stream-{name}.json").read_text()
    event = json.loads(text.replace(RECORDED_DEPUTY, world["deputy"]["id"]))
    connection = BaseItem._get_connection().connection
    for record in event["Records"]:
        image = record["dynamodb"].get("NewImage")
        if image and image["pk"]["S"].startswith("CASE#"):
            connection.client.put_item(TableName=BaseItem.Meta.table_name, Item=image)
    return event


def case_id_of(event: dict, index: int = 0) -> str:
    return event["Records"][index]["dynamodb"]["Keys"]["pk"]["S"].split("#", 1)[1]


def give_credit(world, count=1):
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=TEMPLATES["new_case"],
                              count=count)
    world["wechat"].grant("openid-deputy", TEMPLATES["new_case"], count)


def test_an_inserted_case_is_delivered_from_its_stream_image_once(world):
    give_credit(world)
    event = stream_event(world, "case-insert")
    clock.set_now(T0 + timedelta(seconds=1))
    result = notify.handler(event, None)
    assert result["delivered"] == 1 and result["failed"] == 0
    assert world["wechat"].sends_to("openid-deputy") == 1
    assert [s["PhoneNumbers"] for s in world["sms"].sends()] == [world["deputy"]["phone"]]
    assert not case_repository.get(case_id_of(event))["outbox"]
    again = notify.handler(event, None)  # the stream delivers a record at least once
    assert again["delivered"] == 0
    assert world["wechat"].sends_to("openid-deputy") == 1 and len(world["sms"].sends()) == 1


def test_a_modified_case_owes_only_what_is_due_by_now(world):
    give_credit(world)
    event = stream_event(world, "case-modify")  # released by the office, owed from T0 + 5 min
    clock.set_now(T0 + timedelta(minutes=1))
    assert notify.handler(event, None) == {"records": 1, "delivered": 0, "nothing_due": 1,
                                           "failed": 0}
    assert world["wechat"].sent() == []
    clock.set_now(T0 + timedelta(minutes=5))
    assert notify.handler(event, None)["delivered"] == 1
    assert [m["template_id"] for m in world["wechat"].sent()] == [TEMPLATES["new_case"]]


def test_a_removed_item_and_a_case_without_outbox_send_nothing(world):
    clock.set_now(T0 + timedelta(minutes=10))
    removed = notify.handler(stream_event(world, "case-remove"), None)
    quiet = notify.handler(stream_event(world, "case-without-outbox"), None)
    assert removed == {"records": 1, "delivered": 0, "nothing_due": 0, "failed": 0}
    assert quiet == {"records": 1, "delivered": 0, "nothing_due": 1, "failed": 0}
    assert world["wechat"].requests == [] and world["sms"].sends() == []


def test_a_batch_delivers_each_changed_case_and_passes_over_other_items(world):
    give_credit(world, count=2)
    event = stream_event(world, "batch")  # two new cases, a user changed, a throttle expired
    clock.set_now(T0 + timedelta(seconds=1))
    result = notify.handler(event, None)
    assert result == {"records": 4, "delivered": 2, "nothing_due": 0, "failed": 0}
    assert world["wechat"].sends_to("openid-deputy") == 2
    assert len(world["sms"].sends()) == 1  # the second waits for the phone's digest
    for index in (0, 2):
        assert not case_repository.get(case_id_of(event, index))["outbox"]


def test_a_case_that_fails_to_deliver_is_left_to_the_drain_not_reported_back(world):
    give_credit(world)
    world["wechat"].busy = True
    event = stream_event(world, "case-insert")
    clock.set_now(T0 + timedelta(seconds=1))
    assert "batchItemFailures" not in notify.handler(event, None)
    assert world["wechat"].sent() == []
    world["wechat"].busy = False
    notify.run(now=T0 + timedelta(minutes=2))
    assert world["wechat"].sends_to("openid-deputy") == 1
    assert not case_repository.get(case_id_of(event))["outbox"]



def test_the_change_a_sender_makes_when_it_claims_an_entry_costs_no_store_call(world):
    event = stream_event(world, "case-insert")
    entry = event["Records"][0]["dynamodb"]["NewImage"]["outbox"]["L"][0]["M"]
    entry.update({"claimed_by": {"S": "a1b2c3d4"}, "claimed_at": {"S": "2026-11-30T02:00:00Z"}})
    clock.set_now(T0 + timedelta(seconds=1))
    with StoreCallCounter() as counter:
        result = notify.handler(event, None)
        calls = counter.take()
    assert result["delivered"] == 0 and calls == []  # the claimant sends; nothing is read
    assert world["wechat"].requests == []


def test_an_image_that_cannot_be_read_fails_alone_and_the_others_are_delivered(world):
    give_credit(world, count=2)
    event = stream_event(world, "batch")
    event["Records"][0]["dynamodb"]["NewImage"]["outbox"] = {"S": "not a list"}
    clock.set_now(T0 + timedelta(seconds=1))
    result = notify.handler(event, None)
    assert result == {"records": 4, "delivered": 1, "nothing_due": 0, "failed": 1}
    assert world["wechat"].sends_to("openid-deputy") == 1
    assert case_repository.get(case_id_of(event))["outbox"]  # the drain's to send
