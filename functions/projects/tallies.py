"""Counters kept as ballots (and ratings) arrive, safe under concurrency and crashes.

A change is: `pending` +1 on the tally → one version-guarded write of the deputy's own
item (its deltas computed from the item it replaced, so each change moves exactly its own
votes) → the deltas and `pending` −1 in one atomic ADD. A crash or a lost write between
leaves `pending` off zero; whoever reads the final count then rebuilds the tally from the
items (`rebuild`), which returns totals only, never who chose what.
"""
import time

from functions.shared.errors import Conflict
from functions.storage.low_level import add_numbers, get_numbers, put_numbers

ATTEMPTS = 8


def counted_write(tally_pk: str, attempt, check=None) -> object:
    """Run `attempt()` → (result, deltas) or None when it lost a race (then again, a few
    times); apply its deltas to the tally once it has been written.

    `check()` (is the round still open?) runs after `pending` went up: a close that
    changes the state first and then reads `pending` either sees this change coming or
    this change sees the close and stops.
    """
    add_numbers(tally_pk, {"pending": 1})
    try:
        if check:
            check()
        for _ in range(ATTEMPTS):
            outcome = attempt()
            if outcome is not None:
                break
        else:
            raise Conflict("too many changes at once; retry")
    except BaseException:
        add_numbers(tally_pk, {"pending": -1})
        raise
    result, deltas = outcome
    add_numbers(tally_pk, {**deltas, "pending": -1})
    return result


def numbers(tally_pk: str) -> dict[str, int]:
    return get_numbers(tally_pk)


def settled(tally_pk: str, rebuild, *, wait_seconds: float = 2.0) -> dict[str, int]:
    """The tally once the changes under way have finished (waiting up to `wait_seconds`);
    rebuilt by `rebuild()` → totals when some change never finishes (a dead request)."""
    deadline = time.monotonic() + wait_seconds
    figures = get_numbers(tally_pk)
    while figures.get("pending", 0) != 0 and time.monotonic() < deadline:
        time.sleep(0.1)
        figures = get_numbers(tally_pk)
    if figures.get("pending", 0) == 0:
        return figures
    totals = {name: n for name, n in rebuild().items() if n}
    put_numbers(tally_pk, {**totals, "pending": 0})
    return {**totals, "pending": 0}
