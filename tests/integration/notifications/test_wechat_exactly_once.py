"""Each WeChat message goes out once, or is recorded `unknown` once: never twice.

Faults from the fake WeChat over real HTTP: it delivers and then answers too late, or
resets the connection halfway through its answer; a retried WeChat send must not queue
the deputy's SMS again; a drain SIGKILLed mid-batch leaves only its send in flight unknown.
"""
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from functions.notifications import drain as notify, credits as subscriptions
from functions.identity import staff_accounts
from functions.shared.clock import iso
from functions.shared.config import load_settings
from functions.cases.moves import outbox_entry
from functions.notifications.log import list_records
from functions.cases import repository as case_repository
from functions.storage import keys
from functions.storage.connection import configure
from functions.storage.models import StaffItem
from tests.fakes.fixtures import TEMPLATES
from tests.integration.notify_world import T0, submit, world, world_env  # noqa: F401

pytestmark = pytest.mark.integration
NEW_CASE, PROGRESS = TEMPLATES["new_case"], TEMPLATES["case_progress"]


def give_credit(world, count=1):
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=NEW_CASE, count=count)
    world["wechat"].grant("openid-deputy", NEW_CASE, count)


def wechat_results(case_id):
    return sorted(r["result"] for r in wechat_records(case_id))


def wechat_records(case_id):
    return list_records(actor={"region_id": "demo"}, case_id=case_id, channel="wechat")["items"]


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
    assert "ReadTimeout" in wechat_records(case["id"])[0]["detail"]
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
    assert "may have gone out" in wechat_records(case["id"])[0]["detail"]
    assert subscriptions.credits_of(world["deputy_user"], [NEW_CASE]) == {NEW_CASE: 1}


def test_a_busy_answer_is_certainly_not_sent_so_it_is_retried_and_goes_once(world):
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


def test_a_drain_killed_mid_batch_leaves_only_the_send_in_flight_unknown(
        world, store, wechat_fake, sms_fake):
    """Three office staff owed one overdue notice; the drain is SIGKILLed while WeChat holds
    the answer to the second send: the first is not resent, the second is `unknown`, the
    third goes out with the next drain."""
    env = world_env(store, wechat_fake, sms_fake, {REMINDER: {"thing1": "content",
                                                              "date2": "time"}})
    configure(load_settings(env))
    openids = office_with_wechat(wechat_fake)
    case = submit(world, 1)
    owed = outbox_entry("reminder_overdue", "office", T0, deadline="accept")
    case_repository.save({**case_repository.get(case["id"]), "outbox": [owed]})
    wechat_fake.send_faults = [None, ("delay", 60)]
    drain = subprocess.Popen(
        [sys.executable, "-m", "functions.notify", "--now", iso(T0 + timedelta(minutes=2))],
        env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: len(send_requests(wechat_fake)) == 2, drain)
    finally:
        drain.send_signal(signal.SIGKILL)
        drain.wait(timeout=30)
    notify.run(now=T0 + timedelta(minutes=10))  # the dead drain's lease has run out
    notify.run(now=T0 + timedelta(hours=3))
    assert [wechat_fake.sends_to(o) for o in openids] == [1, 1, 1]
    assert wechat_results(case["id"]).count("unknown") == 1
    assert wechat_results(case["id"]).count("sent") == 2
    assert not case_repository.get(case["id"])["outbox"]


REMINDER = TEMPLATES["deadline_reminder"]  # long-term: staff need no credit


def office_with_wechat(wechat_fake) -> list[str]:
    """The demo office and two more office accounts, each with WeChat and a phone."""
    for n in (1, 2):
        staff_accounts.create_account(username=f"office{n}", password="demo12345",
                                      role="office", region_id="demo", phone=f"1390000010{n}")
    openids = []
    for username in ("office", "office1", "office2"):
        item = StaffItem.get(keys.staff_pk(username), keys.META)
        item.update(actions=[StaffItem.openid.set(f"openid-{username}")])
        wechat_fake.add_user(f"openid-{username}")
        openids.append(f"openid-{username}")
    return openids


def send_requests(fake):
    return [r for r in fake.requests if r.path == "/cgi-bin/message/subscribe/send"]


def wait_for(condition, process, seconds=30):
    deadline = time.monotonic() + seconds
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the drain ended early: {process.stderr.read()[-2000:]}")
        if time.monotonic() > deadline:
            raise AssertionError("the drain never reached its second send")
        time.sleep(0.05)


def test_two_drains_at_once_send_each_recipient_one_message(world, store, wechat_fake,
                                                            sms_fake):
    configure(load_settings(world_env(store, wechat_fake, sms_fake, {
        REMINDER: {"thing1": "content", "date2": "time"}})))
    openids = office_with_wechat(wechat_fake)
    case = submit(world, 1)
    owed = outbox_entry("reminder_overdue", "office", T0, deadline="accept")
    case_repository.save({**case_repository.get(case["id"]), "outbox": [owed]})
    wechat_fake.send_delay = 0.3  # long enough for the drains to overlap
    later = T0 + timedelta(minutes=2)
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: notify.run(now=later), range(2)))
    wechat_fake.send_delay = 0
    notify.run(now=T0 + timedelta(hours=1))
    assert [wechat_fake.sends_to(o) for o in openids] == [1, 1, 1]
    overdue = [r["result"] for r in wechat_records(case["id"]) if r["event"] == owed["event"]]
    assert overdue == ["sent", "sent", "sent"]
