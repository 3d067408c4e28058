"""`make run`'s scheduled functions, in one process of their own beside the app's workers.

`python -m infra.local_schedule` runs each on its period until SIGINT/SIGTERM. One process,
so each function runs once per period however many workers serve the app; apart from the
workers, so no thread of it is ever forked into one.
"""
import importlib
import logging
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


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    configure(settings())
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    run_schedule(stop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
