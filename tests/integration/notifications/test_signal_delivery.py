"""`make run`'s delivery: the request only writes and pings the local worker over UDP; the
worker (here in a thread, as infra/local_schedule.py runs it) sends within seconds."""
import socket
import time

import pytest

from functions.cases import repository as case_repository
from functions.notifications import credits as subscriptions, wakeup
from functions.shared import clock
from functions.shared.config import load_settings, settings
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
        stored = case_repository.get(case["id"])
        assert len(stored["outbox"]) == 1  # kept for the drain
        ping = wakeup.heard(listener.recv(wakeup.MAX_DATAGRAM))
        # The record as written rides along: the worker need not read it again.
        assert (ping.kind, ping.record_id, ping.record) == ("case", case["id"], stored)
    finally:
        listener.close()


def test_the_worker_delivers_from_the_pinged_image_without_reading_the_record(signalled):
    from functions.notifications.delivery_ping import Delivery
    from tests.store_call_counter import StoreCallCounter
    listener = wakeup.bind(signalled["port"])
    try:
        case = submit(signalled, 1)
        ping = wakeup.heard(listener.recv(wakeup.MAX_DATAGRAM))
    finally:
        listener.close()
    with StoreCallCounter() as counter:
        assert wakeup.deliver(Delivery.of(ping)) == 1
        ops = [f"{c.operation} {c.key}" for c in counter.take() if c.key != "WXSESSION"]
    # The deputy with its credits, the SMS digest queue, the credit's write (the claim),
    # the log, the release: the case is never read (the worker that read it began with
    # GetItem CASE) and written once.
    assert ops == ["GetItem DEPUTY", "Query USER", "UpdateItem SMSDIGEST", "UpdateItem USER",
                   "BatchWriteItem *", "PutItem CASE"]
    assert signalled["wechat"].sends_to("openid-deputy") == 1
    assert not case_repository.get(case["id"])["outbox"]


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


SENT = 1_795_000_000.0  # when a ping below was sent (epoch seconds); parse is told `now`


def test_stray_forged_or_stale_datagrams_are_not_pings(store):
    from functions.notifications.delivery_ping import MAX_AGE, encode, parse
    record = {"id": "s1", "version": 3, "outbox": [{"id": "e1"}]}
    signed = encode("suggestion", record, "the app's secret", SENT)
    assert parse(signed, "the app's secret", SENT + 1).record == record
    assert parse(signed, "another secret", SENT) is None  # signed by someone else
    assert parse(signed[:-1] + b"]", "the app's secret", SENT) is None  # changed on the way
    # Replayed past the creating write's lease (or from a clock far ahead): refused.
    assert parse(signed, "the app's secret", SENT + MAX_AGE - 1) is not None
    assert parse(signed, "the app's secret", SENT + MAX_AGE + 1) is None
    assert parse(signed, "the app's secret", SENT - MAX_AGE - 1) is None
    for body in (b"hello", b"case:c1", b"", b"[]", b'{"kind":"case","id":"c1"}',
                 b'{"kind":"case","sent":"now","id":"c1"}',
                 b'{"kind":"user","sent":%d,"id":"u1"}' % SENT,
                 b'{"kind":"case","sent":%d,"id":""}' % SENT,
                 b'{"kind":"case","sent":%d,"record":"c1"}' % SENT):
        assert parse(body, "the app's secret", SENT) is None
        assert parse(encode_raw(body, "the app's secret"), "the app's secret", SENT) is None
    assert parse(encode_raw(b'{"kind":"case","sent":%d,"id":"c1"}' % SENT, "the app's secret"),
                 "the app's secret", SENT).record_id == "c1"  # the same, well formed


def encode_raw(body: bytes, secret: str) -> bytes:
    """A datagram that is signed but says what no app would."""
    from functions.notifications.delivery_ping import _tag
    return _tag(secret, body) + body


def test_a_record_too_large_for_a_datagram_goes_as_its_key_and_the_worker_reads_it():
    from functions.notifications.delivery_ping import MAX_DATAGRAM, encode, parse
    from functions.notifications.outbox_entries import ANY_WRITE
    record = {"id": "c1", "version": 2, "content": "长" * MAX_DATAGRAM}
    datagram = encode("case", record, "s", SENT)
    assert len(datagram) < 200
    ping = parse(datagram, "s", SENT)
    assert (ping.record_id, ping.record, ping.writes) == ("c1", None, ANY_WRITE)


def test_pings_of_one_record_waiting_together_are_one_delivery_of_the_newest_image():
    from functions.notifications.delivery_ping import Delivery, Ping
    from functions.notifications.outbox_entries import ANY_WRITE
    older, newer = Ping("case", "c1", {"id": "c1", "version": 2}), \
        Ping("case", "c1", {"id": "c1", "version": 3})
    for first, then in ((older, newer), (newer, older)):  # in either order
        joined = Delivery.of(first).joined(then)
        assert joined.ping is newer and joined.writes == {"2", "3"}
    # A ping without its image: the delivery reads the record, and takes every new entry.
    read = Delivery.of(older).joined(Ping("case", "c1"))
    assert read.ping.record is None and read.writes == ANY_WRITE


@pytest.mark.parametrize("mode, heard", [("signal", True), ("stream", False)])
def test_a_written_suggestion_is_handed_off_the_same_way(store, mode, heard):
    from functions.notifications.handoff import hand_off
    from tests.integration.notify_world import T0
    listener = wakeup.bind(udp_port())
    listener.settimeout(0.3)
    configure(load_settings({"STORE_ENDPOINT": store.store_endpoint,
                             "TABLE_NAME": store.table_name, "DELIVERY": mode,
                             "DELIVERY_SIGNAL_PORT": str(listener.getsockname()[1])}))
    try:
        suggestion = {"id": "s1", "version": 1, "outbox": [{"id": "e1"}]}
        hand_off("suggestion", suggestion, T0)
        try:
            got = wakeup.heard(listener.recv(wakeup.MAX_DATAGRAM))
        except socket.timeout:
            got = None
    finally:
        listener.close()
    # The stream needs nothing from the request.
    assert got == (wakeup.Ping("suggestion", "s1", suggestion) if heard else None)


def test_a_ping_for_a_case_that_is_not_there_does_not_stop_the_worker(signalled):
    thread, stop = wakeup.start(signalled["port"])
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:  # its key alone
            sock.sendto(encode_raw(b'{"kind":"case","sent":%f,"id":"c0000000000000000000"}'
                                   % clock.now().timestamp(), settings().secret_key),
                        ("127.0.0.1", signalled["port"]))
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
            wakeup.ping("case", {"id": f"c{n:019d}", "version": 1}, port)
        listener.setblocking(False)
        heard = []
        with pytest.raises(BlockingIOError):
            while True:
                heard.append(wakeup.heard(listener.recv(wakeup.MAX_DATAGRAM)))
    finally:
        listener.close()
    assert len(heard) == 1000 and None not in heard


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
