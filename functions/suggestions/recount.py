"""Nightly: recount a region's suggestion figures from the suggestions themselves, and
put back the party list entries an after-write missed.

The counters move after each suggestion write, best effort (after_write.py); this
repairs any drift the way the case recount does (functions/reporting/recount.py): note
the counter item's `moves` marker, sum every suggestion's contribution through the
region's `region_suggestions` index (a paged Query, never a scan), then add the
difference in one UpdateItem conditioned on the marker, so a write that came meanwhile
is never overwritten (that region is recounted the next night). A region's suggestions
are few (hundreds a year), so one run reads them all; a run short of time stops before
repairing anything and the next one starts again.

Party items (parties.py) are written again for open suggestions and those changed in the
last week; the first recount of a region writes them all (list entries of older code get
their status key), then marks the region so later nights skip the settled ones.
"""
from collections import Counter
from datetime import datetime, timedelta

from pynamodb.exceptions import DoesNotExist

from functions.shared.moments import iso
from functions.storage import keys, suggestion_keys
from functions.storage.low_level import MOVES, add_numbers, get_numbers, moves_of
from functions.suggestions import counters, parties, repository
from functions.suggestions.items import SuggestionPartiesSettledItem
from functions.suggestions.machine import SUGGESTIONS

MARGIN_SECONDS = 20.0  # stop reading when less than this is left
RECENT = timedelta(days=7)  # a settled suggestion's party items are rewritten this long


def recount_region(region_id: str, *, now: datetime, time_left=None) -> dict:
    """Recount one region's suggestion figures and refresh its parties' list entries."""
    pk = keys.counter_pk(counters.scope_of(region_id))
    marker = moves_of([pk])[pk]
    every_party, recent = not _parties_settled(region_id), iso(now - RECENT)
    totals, seen, synced = Counter(), 0, 0
    for suggestion in repository.region_suggestions(region_id):
        if time_left and time_left() < MARGIN_SECONDS:
            return {"status": "paused", "suggestions": seen}
        seen += 1
        for numbers in counters.contribution(suggestion).values():
            totals.update(numbers)
        if every_party or suggestion["status"] in SUGGESTIONS.open_statuses \
                or suggestion.get("updated_at", "") >= recent:
            parties.sync(suggestion)
            synced += 1
    if every_party:
        SuggestionPartiesSettledItem(pk=_settled_pk(region_id), sk=keys.META, at=iso(now)).save()
    result = {"suggestions": seen, "parties_synced": synced}
    current = get_numbers(pk, consistent=True)
    if current.pop(MOVES, 0) != marker:
        return {"status": "moved_meanwhile", **result}
    deltas = {k: totals.get(k, 0) - current.get(k, 0) for k in set(totals) | set(current)}
    deltas = {k: v for k, v in deltas.items() if v}
    if deltas and not add_numbers(pk, deltas, moves_were=marker):
        return {"status": "moved_meanwhile", **result}
    return {"status": "done", "repaired": bool(deltas), **result}


def _settled_pk(region_id: str) -> str:
    return suggestion_keys.suggestion_parties_settled_pk(region_id)


def _parties_settled(region_id: str) -> bool:
    """Has a recount already written every party item of the region with its status?"""
    try:
        SuggestionPartiesSettledItem.get(_settled_pk(region_id), keys.META)
    except DoesNotExist:
        return False
    return True
