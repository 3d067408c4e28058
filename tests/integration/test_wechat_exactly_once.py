"""Each WeChat message goes out once, or is recorded `unknown` once: never twice.

Faults from the fake WeChat over real HTTP: it delivers and then answers too late, or
resets the connection halfway through its answer; a retried WeChat send must not queue
the deputy's SMS again.
"""
from datetime import timedelta

import pytest

from functions import notify, subscriptions
from functions.notification_log import list_records
from functions.storage import case_repository
from tests.fakes.fixtures import TEMPLATES
from tests.integration.notify_world import T0, submit, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.integration
NEW_CASE, PROGRESS = TEMPLATES["new_case"], TEMPLATES["case_progress"]


def give_credit(world, count=1):
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=NEW_CASE, count=count)
    world["wechat"].grant("openid-deputy", NEW_CASE, count)


def wechat_results(case_id):
    records = list_records(actor={"region_id": "demo"}, case_id=case_id, channel="wechat")
    return sorted(r["result"] for r in records["items"])


def drain_for_hours(hours=3):
    for minutes in (1, 2, 7, 40, 60 * hours):
        notify.run(now=T0 + timedelta(minutes=minutes))


def test_a_message_delivered_but_answered_too_late_is_unknown_and_never_resent(world):
    give_credit(world, count=2)  # a spare credit: a resend would find one
    world["wechat"].hang_next_send(seconds=30)
    case = submit(world, 1)
    drain_for_hours()
    assert world["wechat"].sends_to("openid-deputy") == 1
    assert wechat_results(case["id"]) == ["unknown"]
    assert not case_repository.get(case["id"])["outbox"]
    # The credit the send spent stays spent: it may well have been used.
    assert subscriptions.credits_of(world["deputy_user"], [NEW_CASE]) == {NEW_CASE: 1}


def test_a_connection_reset_mid_answer_is_unknown_and_never_resent(world):
    give_credit(world, count=2)
    world["wechat"].reset_next_send()
    case = submit(world, 1)
    drain_for_hours()
    assert world["wechat"].sends_to("openid-deputy") == 1
    assert wechat_results(case["id"]) == ["unknown"]
    assert subscriptions.credits_of(world["deputy_user"], [NEW_CASE]) == {NEW_CASE: 1}


def test_a_refused_connection_is_retried_and_the_message_goes_once(world):
    give_credit(world)
    world["wechat"].busy = True  # WeChat answers -1: certainly not delivered
    case = submit(world, 1)
    world["wechat"].busy = False
    drain_for_hours()
    assert world["wechat"].sends_to("openid-deputy") == 1
    assert wechat_results(case["id"]) == ["retry", "sent"]


def test_a_43101_for_one_template_leaves_the_other_templates_credits_alone(world):
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=NEW_CASE, count=3)
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=PROGRESS, count=2)
    submit(world, 1)  # WeChat holds no credit for it: 43101
    assert subscriptions.credits_of(world["deputy_user"], [NEW_CASE, PROGRESS]) == {
        NEW_CASE: 0, PROGRESS: 2}


def test_a_wechat_retry_never_queues_the_deputys_sms_again(world):
    give_credit(world)
    world["wechat"].busy = True
    submit(world, 1)
    assert len(world["sms"].sends()) == 1  # the first SMS of the hour goes at once
    notify.run(now=T0 + timedelta(minutes=61))  # WeChat retried, still busy; window open
    world["wechat"].busy = False
    drain_for_hours()
    assert world["wechat"].sends_to("openid-deputy") == 1
    assert len(world["sms"].sends()) == 1
