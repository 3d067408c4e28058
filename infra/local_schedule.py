"""`make run`'s scheduled functions and delivery worker, in one process of their own beside
the app's workers.

`python -m infra.local_schedule` runs each function on its period until SIGINT/SIGTERM, and
(with DELIVERY=signal, make run's default) delivers a written outbox as soon as the API
pings it (functions/notifications/wakeup.py); the minute drain stays the safety net. One
process, so each function runs once per period however many workers serve the app; apart
from the workers, so no thread of it is ever forked into one.
"""
import importlib
import logging
import os
import signal
import sys
import threading

from functions.shared import clock
from functions.shared.config import settings
from functions.storage.connection import configure

# (module, every N seconds) — the same schedule serverless.yml declares.
SCHEDULE = (("functions.notifications.drain", 60), ("functions.cases.sweep", 15 * 60),
            ("functions.reporting.recount", 24 * 3600), ("functions.projects.notice_sweep", 15 * 60))
TICK_SECONDS = 5

log = logging.getLogger("run_local.schedule")


def run_schedule(stop: threading.Event) -> None:
    """Run each scheduled function on its period, in this process, until stopped."""
    jobs = [(importlib.import_module(name), period) for name, period in SCHEDULE]
    next_run = {module: 0.0 for module, _ in jobs}
    elapsed = 0.0
    while not stop.wait(timeout=TICK_SECONDS):
        elapsed += TICK_SECONDS
        for module, period in jobs:
            if elapsed >= next_run[module]:
                next_run[module] = elapsed + period
                try:
                    result = module.run(now=clock.now())
                    log.info("%s: %s", module.__name__, result)
                except Exception:  # a failed sweep must not stop the schedule; it runs again
                    log.exception("scheduled function %s failed", module.__name__)


# The schedule process's CPU priority below the API's (`nice`): its delivery worker and
# sweeps are background work, so a request waiting for the CPU goes first. Measured with
# benchmarks.open_loop at 50 requests/s, two runs each: p99 of all requests 229/266 ms at
# the same priority, 131/146 ms at this one (README, "Benchmarks").
BACKGROUND_NICENESS = 10


def main() -> int:
    os.nice(BACKGROUND_NICENESS)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    configure(settings())
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    worker = None
    if settings().delivery == "signal":
        from functions.notifications import wakeup
        try:
            worker = wakeup.start()
            log.info("delivery worker listening on 127.0.0.1:%s (UDP)",
                     settings().delivery_signal_port)
        except OSError:  # the port is taken: notifications wait for the minute drain
            log.exception("delivery worker not started; the drain delivers every minute")
    run_schedule(stop)
    if worker is not None:
        worker[1].set()
        worker[0].join(timeout=5)  # a delivery may be mid-send
    return 0


if __name__ == "__main__":
    sys.exit(main())
