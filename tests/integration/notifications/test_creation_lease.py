"""The write that creates an outbox entry leases it to the deliverer that write triggers,
and a citizen's send is claimed by the write that spends its credit: a deliverer killed
at any point leaves nothing lost unnoticed and nothing sent twice; a stream event seen
twice, or an older image seen after a newer write, sends nothing again."""
from datetime import timedelta

import pytest

from functions.cases import repository as case_repository
from functions.cases.moves import outbox_entry
from functions.notifications import credits as subscriptions, drain as notify, record_delivery
from functions.notifications import stream
from functions.notifications.log import list_records
from functions.storage import keys
from functions.storage.models import CaseItem
from tests.fakes.fixtures import TEMPLATES
from tests.integration.notify_world import T0, submit, world  # noqa: F401 (a fixture)
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
RATE = TEMPLATES["new_case"]  # the template of `case_rate`, a notice to the citizen


class Killed(BaseException):
    """The process dies here (not an error any code catches)."""


def citizen_credits(world, count):
    subscriptions.add_credits(user_id=world["citizen"]["user_id"], template_id=RATE,
                              count=count)
    world["wechat"].grant("openid-citizen", RATE, count)


def owe_the_citizen(world, case_id=None):
    """A new `case_rate` notice written into a case (no deliverer run): (case, image)."""
    case = case_repository.get(case_id or submit(world, 1)["id"])
    owed = outbox_entry("case_rate", "citizen", T0)
    return written_image({**case, "outbox": [*(case.get("outbox") or []), owed]}), owed


def written_image(case):
    """Save the case; (the case as saved, the item the write put: the stream's image)."""
    client, seen = CaseItem._get_connection().connection.client, []
    client.meta.events.register("provide-client-params.dynamodb.PutItem",
                                lambda params, **_: seen.append(params["Item"]),
                                unique_id="test-image")
    try:
        saved = case_repository.save(case)
    finally:
        client.meta.events.unregister("provide-client-params.dynamodb.PutItem",
                                      unique_id="test-image")
    return saved, seen[-1]


def event_of(*images):
    return {"Records": [{"eventName": "MODIFY", "eventSource": "aws:dynamodb", "dynamodb": {
        "Keys": {"pk": i["pk"], "sk": i["sk"]}, "NewImage": i, "StreamViewType": "NEW_IMAGE"}}
        for i in images]}


def citizen_results(case_id):
    return [r["result"] for r in list_records(actor={"region_id": "demo"}, case_id=case_id,
                                              channel="wechat")["items"]
            if r["recipient"].startswith("user:")]


def credits_left(world):
    return subscriptions.credits_of(world["citizen"]["user_id"], [RATE])[RATE]


def kill_during_send(monkeypatch, world, *, after_sending):
    from functions.channels import wechat as channel
    real = channel.send_subscribe_message

    def send(**kwargs):
        if after_sending:
            real(**kwargs)
        raise Killed()
    monkeypatch.setattr(channel, "send_subscribe_message", send)


@pytest.mark.parametrize("after_sending", [True, False])
def test_a_deliverer_killed_after_its_credit_claimed_the_send_leaves_it_unknown(
        world, monkeypatch, after_sending):
    citizen_credits(world, 2)  # a spare credit: a resend would find one
    (case, _), owed = owe_the_citizen(world)
    kill_during_send(monkeypatch, world, after_sending=after_sending)
    with pytest.raises(Killed):
        record_delivery.deliver(case["id"], T0, record=case, writes=(case["version"],))
    monkeypatch.undo()
    notify.run(now=T0 + timedelta(seconds=30))  # still the creating write's: left alone
    assert citizen_results(case["id"]) == []
    assert owed["id"] in [e["id"] for e in case_repository.get(case["id"])["outbox"]]
    notify.run(now=T0 + timedelta(minutes=2))  # past the lease: the drain settles it
    assert world["wechat"].sends_to("openid-citizen") == (1 if after_sending else 0)
    assert citizen_results(case["id"]) == ["unknown"]  # may have gone: never resent
    assert not case_repository.get(case["id"])["outbox"]
    assert credits_left(world) == 1  # the credit it spent stays spent
    notify.run(now=T0 + timedelta(hours=3))
    assert world["wechat"].sends_to("openid-citizen") == (1 if after_sending else 0)


def test_a_stream_event_seen_twice_sends_once_and_logs_once(world):
    citizen_credits(world, 2)
    (case, image), _ = owe_the_citizen(world)
    assert stream.deliver_changes(event_of(image), T0)["delivered"] == 1
    with StoreCallCounter() as counter:
        assert stream.deliver_changes(event_of(image), T0)["delivered"] == 0
        ops = [f"{c.operation} {c.key}" for c in counter.take()]
    assert ops == ["Query USER"]  # finds the credit spent for it: another delivery's
    assert world["wechat"].sends_to("openid-citizen") == 1
    assert citizen_results(case["id"]) == ["sent"]
    assert credits_left(world) == 1


def test_a_newer_image_leaves_an_older_writes_entry_to_that_writes_event(world):
    citizen_credits(world, 2)
    (first, first_image), older = owe_the_citizen(world)
    (second, second_image), newer = owe_the_citizen(world, first["id"])
    # The newer write's event takes only what that write created...
    assert stream.deliver_changes(event_of(second_image), T0)["delivered"] == 1
    outbox = case_repository.get(first["id"])["outbox"]
    assert [e["id"] for e in outbox] == [older["id"]]
    assert world["wechat"].sends_to("openid-citizen") == 1
    # ...and the older write's event, arriving later, its own, once.
    assert stream.deliver_changes(event_of(first_image), T0)["delivered"] == 1
    assert stream.deliver_changes(event_of(first_image, second_image), T0)["delivered"] == 0
    assert world["wechat"].sends_to("openid-citizen") == 2
    assert citizen_results(first["id"]) == ["sent", "sent"]
    assert not case_repository.get(first["id"])["outbox"]


def test_both_writes_in_one_batch_are_delivered_from_the_newest_image(world):
    citizen_credits(world, 2)
    (first, first_image), _ = owe_the_citizen(world)
    (_, second_image), _ = owe_the_citizen(world, first["id"])
    assert stream.deliver_changes(event_of(first_image, second_image), T0)["delivered"] == 2
    assert world["wechat"].sends_to("openid-citizen") == 2
    assert not case_repository.get(first["id"])["outbox"]


def test_a_send_certainly_not_delivered_gives_its_credit_back_unmarked_and_goes_later(world):
    citizen_credits(world, 1)
    (case, _), owed = owe_the_citizen(world)
    world["wechat"].busy = True  # -1: certainly not delivered
    record_delivery.deliver(case["id"], T0, record=case, writes=(case["version"],))
    credit = subscriptions.user_partition(world["citizen"]["user_id"])[keys.credit_sk(RATE)]
    assert int(credit.credits) == 1 and subscriptions.spent_for(credit) == set()
    world["wechat"].busy = False
    notify.run(now=T0 + timedelta(minutes=2))  # after the first back-off
    assert world["wechat"].sends_to("openid-citizen") == 1
    assert sorted(citizen_results(case["id"])) == ["retry", "sent"]
    assert credits_left(world) == 0
