"""A digest SMS whose sender died mid-send is recorded once: `unknown` if its sender had
not logged it, left as logged if it had, and never sent again."""
import os
import signal
import subprocess
import sys
from datetime import timedelta

import pytest

from functions.notifications import drain as notify
from tests.integration.notifications.test_sms_at_once_crashes import sms_results
from tests.integration.notify_world import T0, submit, world, world_env  # noqa: F401

pytestmark = pytest.mark.integration
DIGEST_AT = T0 + timedelta(minutes=61)


def drain_dying(world, store, wechat_fake, sms_fake, point):
    child = subprocess.run(
        [sys.executable, "-c", _DYING_DIGEST.format(point=point, now=DIGEST_AT.isoformat())],
        env={**os.environ, **world_env(store, wechat_fake, sms_fake)},
        capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]


def test_a_digest_logged_by_a_sender_that_died_before_clearing_it_is_not_logged_again(
        world, store, wechat_fake, sms_fake):
    submit(world, 1)  # sent at once
    submit(world, 2, now=T0 + timedelta(minutes=30))  # waits for the hour's digest
    drain_dying(world, store, wechat_fake, sms_fake, "after the log")
    assert len(sms_fake.sends()) == 2 and sms_results() == ["sent", "sent"]
    notify.run(now=DIGEST_AT + timedelta(minutes=11))  # its claim is stale now
    submit(world, 3, now=DIGEST_AT + timedelta(hours=2))
    notify.run(now=DIGEST_AT + timedelta(hours=3))
    assert len(sms_fake.sends()) == 3 and sms_results() == ["sent", "sent", "sent"]


def test_a_digest_whose_sender_died_before_the_send_is_unknown_once_without_a_next_notice(
        world, store, wechat_fake, sms_fake):
    submit(world, 1)
    submit(world, 2, now=T0 + timedelta(minutes=30))
    drain_dying(world, store, wechat_fake, sms_fake, "before the send")
    notify.run(now=DIGEST_AT + timedelta(minutes=2))  # its sender may still be sending
    assert sms_results() == ["sent"]
    notify.run(now=DIGEST_AT + timedelta(minutes=11))
    notify.run(now=DIGEST_AT + timedelta(hours=3))
    assert len(sms_fake.sends()) == 1 and sorted(sms_results()) == ["sent", "unknown"]


# A drain that SIGKILLs itself in the send of the digest it claimed.
_DYING_DIGEST = """
import os, signal
from datetime import datetime
from functions.shared.config import load_settings
from functions.storage.connection import configure
configure(load_settings())
from functions.notifications import dispatch, drain, sms_queue_writes
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
if {point!r} == "after the log":
    sms_queue_writes.finish = die
else:
    dispatch.sms = die
drain.run(now=datetime.fromisoformat({now!r}))
"""
