"""What every scheduled function shares: the Lambda handler shape and `python -m` entry.

A scheduled module defines `run(*, now, budget=None) -> dict` and exposes
`handler = lambda_handler(run)` and `if __name__ == "__main__": sys.exit(main(run))`.
In Lambda, `budget` is the time the context says is left, less a margin: `run` stops
claiming work while a whole unit of it still fits, and says what it left for next time.
"""
import argparse
import json
import logging
import sys

from functions.shared import clock, time_budget
from functions.shared.config import settings
from functions.storage.connection import configure

_configured = False


def _ensure_configured() -> None:
    # Once per cold start: clients are created once and reused across invocations.
    global _configured
    if not _configured:
        configure(settings())
        _configured = True


def lambda_handler(run, *, reserve: float = time_budget.SCHEDULED_RESERVE):
    def handler(event, context):
        """EventBridge schedule event → one run as of now (or the event's `now`, for catch-up)."""
        _ensure_configured()
        when = (event or {}).get("now") if isinstance(event, dict) else None
        budget = time_budget.from_context(context, reserve=reserve)
        result = run(now=clock.parse_iso(when) if when else clock.now(), budget=budget)
        logging.getLogger(run.__module__).info("run result %s", result)
        return result
    return handler


def moment(text: str):
    """An `--now` value: an ISO 8601 time (UTC unless it says otherwise); argparse shows
    the usage for anything else."""
    try:
        return clock.parse_iso(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 time, e.g. 2026-12-04T01:00:00Z") from None


def _module_name(run) -> str:
    """The dotted name `python -m` was given (a module run so calls itself __main__; a thin
    entry such as functions.reminders runs another module's `run`)."""
    spec = getattr(sys.modules["__main__"], "__spec__", None)
    if spec and spec.name.startswith("functions."):
        return spec.name
    return run.__module__ if run.__module__ != "__main__" else "functions.<name>"


def main(run, argv=None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {_module_name(run)}",
                                     description=run.__doc__)
    parser.add_argument("--now", type=moment,
                        help="run as of this ISO 8601 time, e.g. 2026-12-04T01:00:00Z "
                             "(catch-up runs, tests); default: the real time")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    _ensure_configured()
    now = args.now or clock.now()
    clock.set_now(now)
    print(json.dumps(run(now=now), ensure_ascii=False, default=str))
    return 0
