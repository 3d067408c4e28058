"""A deputy's WeChat notice is paid and claimed as a citizen's is: its bound user's credits
are read with the deputy, a send it cannot pay for is skipped with no write of the case,
and one it can is claimed by the credit's write, so a stream event seen twice or a sender
killed mid-send sends nothing twice."""
from datetime import timedelta

import pytest

from functions.cases import repository as case_repository
from functions.cases.moves import outbox_entry
from functions.notifications import credits as subscriptions, drain as notify, stream
from functions.notifications import record_delivery
from functions.notifications.log import list_records
from tests.fakes.fixtures import TEMPLATES
from tests.integration.notifications.test_creation_lease import (
    Killed, event_of, kill_during_send, written_image)
from tests.integration.notify_world import T0, submit, world  # noqa: F401 (a fixture)
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
NEW_CASE = TEMPLATES["new_case"]


def deputy_credits(world, count):
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=NEW_CASE, count=count)
    world["wechat"].grant("openid-deputy", NEW_CASE, count)


def owe_the_deputy(world):
    """A new `case_forward` notice to the deputy written into a case: (case, image)."""
    case = case_repository.get(submit(world, 1)["id"])
    owed = outbox_entry("case_forward", "deputy", T0)
    return written_image({**case, "outbox": [owed]})


def deputy_results(case_id):
    return [r["result"] for r in list_records(actor={"region_id": "demo"}, case_id=case_id,
                                              channel="wechat")["items"]
            if r["recipient"].startswith("deputy:") and r["event"] == "case_forward"]


def test_a_deputy_without_a_credit_is_skipped_without_a_claim_or_a_credit_write(world):
    case, image = owe_the_deputy(world)
    with StoreCallCounter() as counter:
        assert stream.deliver_changes(event_of(image), T0)["delivered"] == 1
        ops = [f"{c.operation} {c.key}" for c in counter.take()]
    # The deputy, its user's credits (none), its SMS queue, the log, the release.
    assert ops == ["GetItem DEPUTY", "Query USER", "UpdateItem SMSDIGEST", "BatchWriteItem *",
                   "PutItem CASE"]
    assert world["wechat"].sends_to("openid-deputy") == 0
    assert deputy_results(case["id"]) == ["skipped"]


def test_a_deputys_stream_event_seen_twice_sends_once(world):
    case, image = owe_the_deputy(world)
    deputy_credits(world, 2)  # a spare credit: a resend would find one
    with StoreCallCounter() as counter:
        assert stream.deliver_changes(event_of(image), T0)["delivered"] == 1
        ops = [f"{c.operation} {c.key}" for c in counter.take() if c.key != "WXSESSION"]
    # The credit's write is the claim: the case is written once, by the release.
    assert ops.count("PutItem CASE") == 1 and "UpdateItem USER" in ops
    assert stream.deliver_changes(event_of(image), T0)["delivered"] == 0
    assert world["wechat"].sends_to("openid-deputy") == 1
    assert deputy_results(case["id"]) == ["sent"]


def test_a_deputys_sender_killed_after_the_credit_leaves_the_send_unknown(world, monkeypatch):
    case, _ = owe_the_deputy(world)
    deputy_credits(world, 2)
    kill_during_send(monkeypatch, world, after_sending=True)
    with pytest.raises(Killed):
        record_delivery.deliver(case["id"], T0, record=case, writes=(case["version"],))
    monkeypatch.undo()
    notify.run(now=T0 + timedelta(minutes=2))  # past the creating write's lease
    assert world["wechat"].sends_to("openid-deputy") == 1
    assert deputy_results(case["id"]) == ["unknown"]  # may have gone: never resent
    notify.run(now=T0 + timedelta(hours=3))
    assert world["wechat"].sends_to("openid-deputy") == 1
