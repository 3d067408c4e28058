"""Counters kept as ballots (and ratings) arrive, safe under concurrency and crashes.

A change is: `pending` +1 on the tally → one version-guarded write of the deputy's own
item (its deltas computed from the item it replaced, so each change moves exactly its own
votes) → the deltas and `pending` −1 in one atomic ADD. A crash or a lost write between
leaves `pending` off zero; whoever reads the final count then rebuilds the tally from the
items (`rebuild`), which returns totals only, never who chose what.
"""
from functions.domain.errors import Conflict
from functions.storage.low_level import add_numbers, get_numbers, put_numbers

ATTEMPTS = 8


def counted_write(tally_pk: str, attempt) -> object:
    """Run `attempt()` → (result, deltas) or None when it lost a race (then again, a few
    times); apply its deltas to the tally once it has been written."""
    add_numbers(tally_pk, {"pending": 1})
    try:
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


def settled(tally_pk: str, rebuild) -> dict[str, int]:
    """The tally, rebuilt by `rebuild()` → totals when some change did not finish."""
    figures = get_numbers(tally_pk)
    if figures.get("pending", 0) == 0:
        return figures
    totals = {name: n for name, n in rebuild().items() if n}
    put_numbers(tally_pk, {**totals, "pending": 0})
    return {**totals, "pending": 0}
