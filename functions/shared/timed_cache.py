"""A value kept a while per process, by key: the one age check of the copies that spare a
read of something that changes rarely (a region, the official calendar).

A copy is used while it is younger than `seconds` on the cache's clock; a clock that went
back (a test, `--now`) makes it old. The default clock is the one clock
(functions.shared.clock, which tests move); a cache may take another (time.monotonic).
"""
from typing import Callable, Hashable

from functions.shared.clock import now as clock_now


def clock_seconds() -> float:
    """Now on the one clock, in seconds."""
    return clock_now().timestamp()


class TimedCache:
    """Values by key, each with the time it was read; `get` only those not yet too old."""

    def __init__(self, seconds: float, clock: Callable[[], float] = clock_seconds):
        self.seconds = seconds
        self._clock = clock
        self._kept: dict[Hashable, tuple[float, object]] = {}

    def now(self) -> float:
        """The cache's clock: take it before a read, then `put(..., at=)` the read's time."""
        return self._clock()

    def get(self, key: Hashable, default=None):
        """The value kept under `key` if it was read less than `seconds` ago, else `default`."""
        hit = self._kept.get(key)
        if hit is not None and 0 <= self._clock() - hit[0] < self.seconds:
            return hit[1]
        return default

    def put(self, key: Hashable, value, at: float | None = None):
        """Keep `value` as read at `at` (the clock's now when not given); `value`."""
        self._kept[key] = (self._clock() if at is None else at, value)
        return value

    def forget(self, key: Hashable | None = None) -> None:
        """Drop the copy under `key`, or every copy (None)."""
        if key is None:
            self._kept.clear()
        else:
            self._kept.pop(key, None)
