"""Registration numbers `<year>-<seq>`: per region and year, no gap, no repeat.

One registration claims its number in three conditional steps, each one write:
1. the claim: a number item for the suggestion, written only if none exists, so of two
   requests registering the same suggestion at once only one goes on (the other: 409);
2. the sequence: one atomic ADD on the region-year counter, so parallel registrations
   of different suggestions each get their own value, with nothing skipped;
3. the number, set on the claim only if it has none, before the suggestion is written,
   so a retry after a failed write reuses it instead of taking a second one.
A claim whose request died before step 3 is taken over after LEASE. Before step 1 the
suggestion itself is marked as being registered (moves.py), so a convert or return racing
the registration is refused and no claimed number is left unused.
"""
from datetime import datetime, timedelta

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError

from functions.shared.errors import Conflict
from functions.shared.moments import SHANGHAI, iso, parse_iso
from functions.storage import keys, suggestion_keys
from functions.storage.conditions import is_condition_failure
from functions.suggestions.items import SuggestionNumberItem, SuggestionSequenceItem

LEASE = timedelta(minutes=1)


def _item(suggestion_id: str) -> SuggestionNumberItem | None:
    try:
        return SuggestionNumberItem.get(suggestion_keys.suggestion_pk(suggestion_id),
                                        suggestion_keys.SUGGESTION_NUMBER_SK, consistent_read=True)
    except DoesNotExist:
        return None


def _number(item: SuggestionNumberItem) -> dict:
    return {"number": item.number, "year": int(item.year), "seq": int(item.seq)}


def claimed(suggestion_id: str) -> dict | None:
    """The number this suggestion already holds, if any."""
    item = _item(suggestion_id)
    return _number(item) if item and item.number else None


def claim(*, suggestion_id: str, region_id: str, now: datetime) -> dict:
    """The suggestion's number: the one it claimed before, else the next of its region-year."""
    item = _item(suggestion_id)
    if item and item.number:
        return _number(item)
    if item is None:
        item = SuggestionNumberItem(pk=suggestion_keys.suggestion_pk(suggestion_id),
                                    sk=suggestion_keys.SUGGESTION_NUMBER_SK, claimed_at=iso(now))
        try:
            item.save(condition=SuggestionNumberItem.pk.does_not_exist())
        except PutError as exc:
            if not is_condition_failure(exc):
                raise
            return claimed(suggestion_id) or _busy()
    elif parse_iso(item.claimed_at) + LEASE > now:
        return _busy()
    year = now.astimezone(SHANGHAI).year  # a Shanghai year
    counter = SuggestionSequenceItem(pk=suggestion_keys.suggestion_sequence_pk(region_id, year),
                                     sk=keys.META)
    counter.update(actions=[SuggestionSequenceItem.last.add(1)])
    seq = int(counter.last)
    try:
        item.update(actions=[SuggestionNumberItem.number.set(f"{year}-{seq}"),
                             SuggestionNumberItem.year.set(year),
                             SuggestionNumberItem.seq.set(seq)],
                    condition=SuggestionNumberItem.number.does_not_exist())
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        return claimed(suggestion_id) or _busy()
    return _number(item)


def _busy() -> dict:
    raise Conflict("this suggestion is being registered right now; reload it")
