"""A deputy's SMS sent at once goes out once or is recorded `unknown` once, wherever its
sender dies: no write of the phone's queue ends the send, its log record does.

Each dying sender is a drain in a child process that SIGKILLs itself at one point of the
delivery (as test_notify.py's dying writer does); this process then drains as the minute
schedule would and reads the SMS fake and the notification log.
"""
import json
import os
import signal
import subprocess
import sys
from datetime import timedelta

import pytest

from functions.cases import repository as case_repository
from functions.notifications import drain as notify, credits as subscriptions
from functions.notifications.log import list_records
from functions.shared.config import load_settings
from functions.storage import keys
from functions.storage.connection import configure
from functions.storage.models import DeputyItem
from tests.fakes.fixtures import TEMPLATES
from tests.integration.notify_world import T0, submit, world, world_env  # noqa: F401

pytestmark = pytest.mark.integration
CLAIMED = T0 + timedelta(minutes=1)  # when the dying drain claims the SMS


def sms_results():
    """The results of the cases' SMS (the demo seed's project notices left out)."""
    return [r["result"] for r in list_records(actor={"region_id": "demo"},
                                              channel="sms")["items"]
            if r["event"] == "sms_digest"]


def written_but_not_delivered(world, store, wechat_fake, sms_fake, wechat=False):
    """A case submitted with the stream's delivery: its outbox waits for a sender. Without
    `wechat` the deputy has no WeChat: an SMS alone, which no lease holds."""
    if not wechat:
        deputy = DeputyItem.get(keys.deputy_pk(world["deputy"]["id"]), keys.META)
        deputy.update(actions=[DeputyItem.openid.remove()])
    env = world_env(store, wechat_fake, sms_fake)
    configure(load_settings({**env, "DELIVERY": "stream"}))
    case = submit(world, 1)
    configure(load_settings(env))
    assert case_repository.get(case["id"])["outbox"] and sms_fake.sends() == []
    return case, env


def drain_dying(env, point):
    child = subprocess.run([sys.executable, "-c", _DYING_DRAIN.format(
        point=point, now=CLAIMED.isoformat())], env={**os.environ, **env},
        capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]


def outbox(case):
    return case_repository.get(case["id"])["outbox"]


@pytest.mark.parametrize("point, sent", [("before the send", 0), ("before the log", 1)])
def test_an_unlogged_sms_is_left_to_its_sender_for_ten_minutes_then_is_unknown_once(
        world, store, wechat_fake, sms_fake, point, sent):
    case, env = written_but_not_delivered(world, store, wechat_fake, sms_fake)
    drain_dying(env, point)
    assert len(sms_fake.sends()) == sent
    notify.run(now=CLAIMED + timedelta(minutes=2))  # its sender may still be sending
    assert sms_results() == [] and outbox(case)
    notify.run(now=CLAIMED + timedelta(minutes=10))
    assert sms_results() == ["unknown"] and not outbox(case)
    notify.run(now=CLAIMED + timedelta(hours=3))
    assert len(sms_fake.sends()) == sent and sms_results() == ["unknown"]


def test_an_sms_logged_by_a_sender_that_died_before_the_release_is_not_logged_again(
        world, store, wechat_fake, sms_fake):
    case, env = written_but_not_delivered(world, store, wechat_fake, sms_fake)
    drain_dying(env, "before the release")
    assert outbox(case)  # the entry does not say so yet
    notify.run(now=CLAIMED + timedelta(minutes=1))
    assert not outbox(case)
    notify.run(now=CLAIMED + timedelta(hours=3))
    assert len(sms_fake.sends()) == 1 and sms_results() == ["sent"]


def test_a_sender_dying_in_the_wechat_send_leaves_both_channels_sent_once_or_unknown(
        world, store, wechat_fake, sms_fake):
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=TEMPLATES["new_case"])
    case, env = written_but_not_delivered(world, store, wechat_fake, sms_fake, wechat=True)
    drain_dying(env, "during the WeChat send")  # after its claim, which says SMS at once
    assert list(outbox(case)[0]["to"].values())[0]["sms"] == "at_once"
    notify.run(now=CLAIMED + timedelta(minutes=6))  # the lease has run out
    notify.run(now=CLAIMED + timedelta(minutes=11))
    notify.run(now=CLAIMED + timedelta(hours=3))
    assert len(sms_fake.sends()) == 1 and sms_results() == ["unknown"]
    wechat = list_records(actor={"region_id": "demo"}, case_id=case["id"],
                          channel="wechat")["items"]
    assert [r["result"] for r in wechat] == ["unknown"] and not outbox(case)


def test_the_next_hours_first_message_goes_at_once_after_one_that_was_never_ended(world):
    submit(world, 1)
    submit(world, 2, now=T0 + timedelta(minutes=59))  # waits for the digest
    notify.run(now=T0 + timedelta(minutes=61))
    submit(world, 3, now=T0 + timedelta(minutes=122))  # the window is open again
    assert [json.loads(s["TemplateParam"])["count"] for s in world["sms"].sends()] == [
        "1", "1", "1"]
    assert sms_results() == ["sent", "sent", "sent"]


# A drain that SIGKILLs itself at one point of delivering the case's outbox.
_DYING_DRAIN = """
import os, signal
from datetime import datetime
from functions.shared.config import load_settings
from functions.storage import keys
from functions.storage.connection import configure
from functions.storage.models import DeputyItem
configure(load_settings())
from functions.notifications import dispatch, drain, log, sms_at_once
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
point, save_all = {point!r}, log.save_all
if point == "before the send":
    sms_at_once.send_claimed = die
elif point == "before the log":
    log.save_all = lambda items: die() if items else None
elif point == "before the release":
    log.save_all = lambda items: (save_all(items), items and die())
elif point == "before the record's write":  # its entries' outcomes, carried till then
    from functions.notifications import outbox_writes
    outbox_writes.Carried.flush = die
else:
    dispatch.wechat = die
drain.run(now=datetime.fromisoformat({now!r}))
"""
