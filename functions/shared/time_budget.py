"""How long a run may still take: work is claimed only while a whole unit of it still fits.

A request has a few seconds for the notifications it owes (API Gateway gives up after
29 s); a scheduled function has what Lambda says is left (`context`). Whatever does not
fit stays where it is, for the next drain or sweep. Durations come from a monotonic
clock: they measure time spent, never the date.
"""
import time

# What a request may spend on delivering the notifications its write owes.
REQUEST_SECONDS = 4.0
# One WeChat send may take its 3 s connect and 5 s read, plus the store writes around it.
SCHEDULED_RESERVE = 10.0
# Left for the handler itself after the last unit of work: logging, returning.
SCHEDULED_TAIL = 2.0


class Budget:
    """`seconds` from now; new work is claimed while more than `reserve` of it is left."""

    def __init__(self, seconds: float, *, reserve: float = 0.0, clock=time.monotonic):
        self._clock = clock
        self._end = clock() + max(0.0, seconds)
        self.reserve = reserve

    def left(self) -> float:
        return max(0.0, self._end - self._clock())

    def can_claim(self) -> bool:
        return self.left() > self.reserve

    def timeout(self, connect: float, read: float) -> tuple[float, float]:
        """A request's (connect, read) timeouts cut to what is left, so it ends in time."""
        left = max(self.left(), 0.1)
        return min(connect, left), min(read, left)

    def report(self) -> dict:
        return {"out_of_time": not self.can_claim(), "seconds_left": round(self.left(), 1)}


def for_request(clock=time.monotonic) -> Budget:
    """Delivery inside a request: a few seconds in all, a send started with 1 s left at least."""
    return Budget(REQUEST_SECONDS, reserve=1.0, clock=clock)


def from_context(context, *, reserve: float = SCHEDULED_RESERVE, clock=time.monotonic):
    """What Lambda's context says is left, or None (no limit) when run by hand."""
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if remaining is None:
        return None
    return Budget(remaining() / 1000 - SCHEDULED_TAIL, reserve=reserve, clock=clock)
