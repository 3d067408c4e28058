"""`make run`'s delivery: the request only writes and pings the local worker over UDP; the
worker (here in a thread, as infra/local_schedule.py runs it) sends within seconds."""
import socket
import time

import pytest

from functions.cases import repository as case_repository
from functions.notifications import credits as subscriptions, wakeup
from functions.shared.config import load_settings
from functions.storage.connection import configure
from tests.fakes.fixtures import TEMPLATES
from tests.integration.notify_world import submit, world, world_env  # noqa: F401

pytestmark = pytest.mark.integration


def udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def signalled(world, store, wechat_fake, sms_fake):
    """The world in DELIVERY=signal mode, pinging a port of its own; the deputy has a credit."""
    port = udp_port()
    configure(load_settings({**world_env(store, wechat_fake, sms_fake), "DELIVERY": "signal",
                             "DELIVERY_SIGNAL_PORT": str(port)}))
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=TEMPLATES["new_case"])
    world["wechat"].grant("openid-deputy", TEMPLATES["new_case"])
    return {**world, "port": port}


def test_in_signal_mode_the_request_only_writes_and_pings_the_worker(signalled):
    listener = wakeup.bind(signalled["port"])  # a worker that never answers
    try:
        case = submit(signalled, 1)
        assert signalled["wechat"].requests == [] and signalled["sms"].sends() == []
        assert len(case_repository.get(case["id"])["outbox"]) == 1  # kept for the drain
        assert wakeup.parse(listener.recv(wakeup.MAX_DATAGRAM)) == ("case", case["id"])
    finally:
        listener.close()


def test_without_a_worker_the_request_still_succeeds_and_the_outbox_waits(signalled):
    case = submit(signalled, 1)  # nobody listens on the port
    assert signalled["wechat"].requests == []
    assert len(case_repository.get(case["id"])["outbox"]) == 1


def test_the_worker_delivers_the_deputys_message_within_seconds_of_the_write(signalled):
    thread, stop = wakeup.start(signalled["port"])
    try:
        started = time.monotonic()
        case = submit(signalled, 1)
        while time.monotonic() - started < 5 and case_repository.get(case["id"])["outbox"]:
            time.sleep(0.05)
        took = time.monotonic() - started
    finally:
        stop.set()
        thread.join(timeout=5)
    assert signalled["wechat"].sends_to("openid-deputy") == 1
    assert [s["PhoneNumbers"] for s in signalled["sms"].sends()] == [
        signalled["deputy"]["phone"]]
    assert not case_repository.get(case["id"])["outbox"] and took < 2


def test_stray_datagrams_are_not_pings():
    assert wakeup.parse(b"hello") is None
    assert wakeup.parse(b"case:") is None
    assert wakeup.parse(b"user:u1") is None
    assert wakeup.parse(b"suggestion:s1") == ("suggestion", "s1")


@pytest.mark.parametrize("mode, heard", [("signal", b"suggestion:s1"), ("stream", None)])
def test_a_written_suggestion_is_handed_off_the_same_way(store, mode, heard):
    from functions.notifications.handoff import hand_off
    from tests.integration.notify_world import T0
    listener = wakeup.bind(udp_port())
    listener.settimeout(0.3)
    configure(load_settings({"STORE_ENDPOINT": store.store_endpoint,
                             "TABLE_NAME": store.table_name, "DELIVERY": mode,
                             "DELIVERY_SIGNAL_PORT": str(listener.getsockname()[1])}))
    try:
        hand_off("suggestion", {"id": "s1", "outbox": [{"id": "e1"}]}, T0)
        try:
            got = listener.recv(wakeup.MAX_DATAGRAM)
        except socket.timeout:
            got = None
    finally:
        listener.close()
    assert got == heard  # the stream needs nothing from the request


def test_a_ping_for_a_case_that_is_not_there_does_not_stop_the_worker(signalled):
    thread, stop = wakeup.start(signalled["port"])
    try:
        wakeup.ping("case", "c0000000000000000000", signalled["port"])
        case = submit(signalled, 1)
        started = time.monotonic()
        while time.monotonic() - started < 5 and case_repository.get(case["id"])["outbox"]:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(timeout=5)
    assert thread.is_alive() is False
    assert signalled["wechat"].sends_to("openid-deputy") == 1


def _rmem_max() -> int:
    try:
        with open("/proc/sys/net/core/rmem_max") as f:
            return int(f.read())
    except OSError:
        return 0


@pytest.mark.skipif(_rmem_max() < 2 * 1024 * 1024,
                    reason="the kernel caps receive buffers below what a burst needs")
def test_a_burst_of_pings_waits_in_the_workers_buffer_instead_of_being_lost():
    # The load benchmark's writes outran one sender: pings past the default buffer (~150)
    # were dropped and waited a minute for the drain.
    port = udp_port()
    listener = wakeup.bind(port)
    try:
        for n in range(1000):  # nobody reads while the burst arrives
            wakeup.ping("case", f"c{n:019d}", port)
        listener.setblocking(False)
        heard = []
        with pytest.raises(BlockingIOError):
            while True:
                heard.append(wakeup.parse(listener.recv(wakeup.MAX_DATAGRAM)))
    finally:
        listener.close()
    assert len(heard) == 1000


def test_the_worker_delivers_a_burst_of_writes_without_the_drain(signalled):
    thread, stop = wakeup.start(signalled["port"])
    try:
        cases = [submit(signalled, n) for n in range(1, 13)]
        started = time.monotonic()
        while time.monotonic() - started < 10 and any(
                case_repository.get(c["id"])["outbox"] for c in cases):
            time.sleep(0.1)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not any(case_repository.get(c["id"])["outbox"] for c in cases)
    assert len(signalled["sms"].sends()) >= 1  # the deputy heard, once per digest
