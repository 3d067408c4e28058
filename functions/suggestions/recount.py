"""Nightly: recount a region's suggestion figures from the suggestions themselves.

The counters move after each suggestion write, best effort (after_write.py); this
repairs any drift the way the case recount does (functions/reporting/recount.py): note
the counter item's `moves` marker, sum every suggestion's contribution through the
region's `region_suggestions` index (a paged Query, never a scan), then add the
difference in one UpdateItem conditioned on the marker, so a write that came meanwhile
is never overwritten (that region is recounted the next night). A region's suggestions
are few (hundreds a year), so one run reads them all; a run short of time stops before
repairing anything and the next one starts again.
"""
from collections import Counter

from functions.storage import keys
from functions.storage.low_level import MOVES, add_numbers, get_numbers, moves_of
from functions.suggestions import counters, parties, repository

MARGIN_SECONDS = 20.0  # stop reading when less than this is left


def recount_region(region_id: str, *, time_left=None) -> dict:
    """Recount one region's suggestion figures (and refresh its parties' list entries)."""
    pk = keys.counter_pk(counters.scope_of(region_id))
    marker = moves_of([pk])[pk]
    totals, seen = Counter(), 0
    for suggestion in repository.region_suggestions(region_id):
        if time_left and time_left() < MARGIN_SECONDS:
            return {"status": "paused", "suggestions": seen}
        seen += 1
        for numbers in counters.contribution(suggestion).values():
            totals.update(numbers)
        parties.sync(suggestion)  # entries written by older code get their status key
    current = get_numbers(pk, consistent=True)
    if current.pop(MOVES, 0) != marker:
        return {"status": "moved_meanwhile", "suggestions": seen}
    deltas = {k: totals.get(k, 0) - current.get(k, 0) for k in set(totals) | set(current)}
    deltas = {k: v for k, v in deltas.items() if v}
    repaired = bool(deltas) and add_numbers(pk, deltas, moves_were=marker)
    if deltas and not repaired:
        return {"status": "moved_meanwhile", "suggestions": seen}
    return {"status": "done", "suggestions": seen, "repaired": repaired}
