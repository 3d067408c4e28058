"""`make run`'s fast path: the API pings the local worker with a record whose outbox it just
wrote, and the worker delivers that outbox within about a second.

One UDP datagram on the loopback per write, carrying the record as written and signed
(functions/notifications/delivery_ping.py), so the request never waits for the worker, the
worker never polls the store, and it delivers without reading the record again, as the
stream's notify function does in the cloud. A datagram can be lost (the worker is down or
restarting): the outbox stays in the item and the minute drain sends it.

The worker delivers in LANES threads, a record always in the same lane (never two
deliveries of one record at once, and in the order written), so a burst of writes does not
queue behind one store round trip at a time; a ping for a record already waiting in its
lane joins that delivery (the newest image, and the entries of both writes). Its socket
asks for a receive buffer of RECEIVE_BUFFER bytes: with the default (~200 KB) a burst
overflowed it and the lost pings waited for the minute drain (benchmarks.load).
"""
import logging
import queue
import socket
import threading
import zlib

from functions.notifications.delivery_ping import MAX_DATAGRAM, Delivery, Ping, encode, parse
from functions.shared import clock
from functions.shared.config import settings

log = logging.getLogger(__name__)
LANES = 4
RECEIVE_BUFFER = 4 * 1024 * 1024  # the kernel caps it at net.core.rmem_max


def ping(kind: str, record: dict, port: int | None = None) -> None:
    """Tell the local worker that `record` (as just written) has notifications to send;
    never raises."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.sendto(encode(kind, record, settings().secret_key, clock.now().timestamp()),
                        ("127.0.0.1", port or settings().delivery_signal_port))
    except OSError:  # nobody listening, or no buffer: the drain sends it within a minute
        log.warning("delivery ping for %s %s not sent", kind, record.get("id"))


def heard(datagram: bytes) -> Ping | None:
    """The ping a datagram carries, if this app signed it."""
    return parse(datagram, settings().secret_key, clock.now().timestamp())


def deliver(delivery: Delivery) -> int:
    """Deliver what the pings of one record told of: from the image they carried, taking
    the entries their writes created (or reading the record fresh); how many finished."""
    from functions.notifications import record_delivery
    ping = delivery.ping
    return record_delivery.deliver(ping.record_id, clock.now(), kind=ping.kind,
                                   record=ping.record, writes=delivery.writes)


def bind(port: int | None = None) -> socket.socket:
    """The worker's socket, bound before the API can ping it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)
    sock.bind(("127.0.0.1", port if port is not None else settings().delivery_signal_port))
    sock.settimeout(0.5)  # how often the loop looks at `stop`
    return sock


def listen(sock: socket.socket, stop: threading.Event, lanes: int = LANES) -> int:
    """Deliver each pinged record's outbox, in `lanes` threads, until `stop`; how many pings
    were handed to a lane."""
    waiting, guard = {}, threading.Lock()
    queues = [queue.Queue() for _ in range(lanes)]
    threads = [threading.Thread(target=_lane, args=(q, waiting, guard),
                                name=f"delivery-lane-{n}", daemon=True)
               for n, q in enumerate(queues)]
    for thread in threads:
        thread.start()
    handled = 0
    while not stop.is_set():
        try:
            datagram = sock.recv(MAX_DATAGRAM)
        except socket.timeout:
            continue
        ping_of = heard(datagram)
        if ping_of is None:
            log.warning("ignored a datagram that is not a delivery ping of this app")
            continue
        key = (ping_of.kind, ping_of.record_id)
        with guard:
            if key in waiting:  # the delivery still to come takes this write's entries too
                waiting[key] = waiting[key].joined(ping_of)
                continue
            waiting[key] = Delivery.of(ping_of)
        queues[zlib.crc32(ping_of.record_id.encode()) % lanes].put(key)
        handled += 1
    for pings in queues:
        pings.put(None)  # each lane ends after what it was handed
    for thread in threads:
        thread.join(timeout=5)  # a delivery may be mid-send
    return handled


def _lane(keys: queue.Queue, waiting: dict, guard: threading.Lock) -> None:
    # A blocking get, ended by the None `listen` puts when it stops: a timed wait in a
    # thread never returns under faketime (the tests run years ahead), a plain one does.
    while (key := keys.get()) is not None:
        with guard:
            delivery = waiting.pop(key)  # a ping from now on is a delivery of its own
        try:
            deliver(delivery)
        except Exception:  # the outbox keeps it; the minute drain retries
            log.exception("delivery of %s %s failed", *key)


def start(port: int | None = None) -> tuple[threading.Thread, threading.Event]:
    """The worker in a daemon thread of this process; set the event to stop it."""
    sock, stop = bind(port), threading.Event()

    def run():
        try:
            listen(sock, stop)
        finally:
            sock.close()
    thread = threading.Thread(target=run, name="delivery-worker", daemon=True)
    thread.start()
    return thread, stop
