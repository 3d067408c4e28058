"""`make run`'s fast path: the API pings the local worker with the key of a record whose
outbox it just wrote, and the worker delivers that outbox within about a second.

One UDP datagram on the loopback per write (`kind:id`), so the request never waits for
the worker and the worker never polls the store. A datagram can be lost (the worker is
down or restarting): the outbox stays in the item and the minute drain sends it.

The worker delivers in LANES threads, a record always in the same lane (never two
deliveries of one record at once, and in the order written), so a burst of writes does not
queue behind one store round trip at a time; a ping for a record already waiting in its
lane is dropped, since that delivery reads the record as it then is. Its socket asks for a
receive buffer of RECEIVE_BUFFER bytes: with the default (~200 KB, some 150 pings) a burst
overflowed it and the lost pings waited for the minute drain (benchmarks.load).
"""
import logging
import queue
import socket
import threading
import zlib

from functions.shared import clock
from functions.shared.config import settings

log = logging.getLogger(__name__)
MAX_DATAGRAM = 512
KINDS = ("case", "suggestion")
LANES = 4
RECEIVE_BUFFER = 4 * 1024 * 1024  # the kernel caps it at net.core.rmem_max


def ping(kind: str, record_id: str, port: int | None = None) -> None:
    """Tell the local worker that `record_id` has notifications to send; never raises."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.sendto(f"{kind}:{record_id}".encode(),
                        ("127.0.0.1", port or settings().delivery_signal_port))
    except OSError:  # nobody listening, or no buffer: the drain sends it within a minute
        log.warning("delivery ping for %s %s not sent", kind, record_id)


def parse(datagram: bytes) -> tuple[str, str] | None:
    """(kind, id) from a ping, or None for anything else that reached the port."""
    kind, _, record_id = datagram.decode("utf-8", "replace").partition(":")
    if kind not in KINDS or not record_id or len(record_id) > 100:
        return None
    return kind, record_id


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
    waiting, guard = set(), threading.Lock()
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
        ping_of = parse(datagram)
        if ping_of is None:
            log.warning("ignored a datagram that is not a delivery ping")
            continue
        with guard:
            if ping_of in waiting:
                continue  # the delivery still to come reads the record as it will be
            waiting.add(ping_of)
        queues[zlib.crc32(ping_of[1].encode()) % lanes].put(ping_of)
        handled += 1
    for pings in queues:
        pings.put(None)  # each lane ends after what it was handed
    for thread in threads:
        thread.join(timeout=5)  # a delivery may be mid-send
    return handled


def _lane(pings: queue.Queue, waiting: set, guard: threading.Lock) -> None:
    from functions.notifications import record_delivery
    from functions.notifications.outbox_entries import ANY_WRITE
    # A blocking get, ended by the None `listen` puts when it stops: a timed wait in a
    # thread never returns under faketime (the tests run years ahead), a plain one does.
    while (ping_of := pings.get()) is not None:
        kind, record_id = ping_of
        with guard:
            waiting.discard(ping_of)  # a ping from now on is a write this delivery may miss
        try:
            # One lane a record, reading it fresh: every new entry it finds is ours.
            record_delivery.deliver(record_id, clock.now(), kind=kind, writes=ANY_WRITE)
        except Exception:  # the outbox keeps it; the minute drain retries
            log.exception("delivery of %s %s failed", kind, record_id)


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
