"""Registration numbers `<year>-<seq>`: per region and year, no gap, no repeat.

The sequence is claimed with one atomic ADD on the region-year counter before the
suggestion is written, and the claim is kept in a number item written once
(attribute_not_exists), so a retried registration reuses its number instead of taking
a second one. Parallel registrations each get their own value from the ADD.
"""
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, PutError

from functions.shared.moments import SHANGHAI
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.suggestions.items import SuggestionNumberItem, SuggestionSequenceItem


def claimed(suggestion_id: str) -> dict | None:
    """The number this suggestion already claimed, if any."""
    try:
        item = SuggestionNumberItem.get(keys.suggestion_pk(suggestion_id),
                                        keys.SUGGESTION_NUMBER_SK, consistent_read=True)
    except DoesNotExist:
        return None
    return {"number": item.number, "year": int(item.year), "seq": int(item.seq)}


def claim(*, suggestion_id: str, region_id: str, now: datetime) -> dict:
    """The suggestion's number: the one it claimed before, else the next of its region-year."""
    earlier = claimed(suggestion_id)
    if earlier:
        return earlier
    year = now.astimezone(SHANGHAI).year  # a Shanghai year
    counter = SuggestionSequenceItem(pk=keys.suggestion_sequence_pk(region_id, year),
                                     sk=keys.META)
    counter.update(actions=[SuggestionSequenceItem.last.add(1)])
    seq = int(counter.last)
    number = {"number": f"{year}-{seq}", "year": year, "seq": seq}
    try:
        SuggestionNumberItem(pk=keys.suggestion_pk(suggestion_id),
                             sk=keys.SUGGESTION_NUMBER_SK, **number).save(
            condition=SuggestionNumberItem.pk.does_not_exist())
    except PutError as exc:
        if not is_condition_failure(exc):
            raise
        # A parallel retry of the same registration claimed first: its number stands.
        return claimed(suggestion_id)
    return number
