"""`make run`'s fast path: the API pings the local worker with the key of a record whose
outbox it just wrote, and the worker delivers that outbox within about a second.

One UDP datagram on the loopback per write (`kind:id`), so the request never waits for
the worker and the worker never polls the store. A datagram can be lost (the worker is
down or restarting): the outbox stays in the item and the minute drain sends it.
"""
import logging
import socket
import threading

from functions.shared import clock
from functions.shared.config import settings

log = logging.getLogger(__name__)
MAX_DATAGRAM = 512
KINDS = ("case", "suggestion")


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
    sock.bind(("127.0.0.1", port if port is not None else settings().delivery_signal_port))
    sock.settimeout(0.5)  # how often the loop looks at `stop`
    return sock


def listen(sock: socket.socket, stop: threading.Event) -> int:
    """Deliver each pinged record's outbox until `stop`; how many pings were handled."""
    from functions.notifications import record_delivery
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
        kind, record_id = ping_of
        try:
            record_delivery.deliver(record_id, clock.now(), kind=kind)
        except Exception:  # the outbox keeps it; the minute drain retries
            log.exception("delivery of %s %s failed", kind, record_id)
        handled += 1
    return handled


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
