"""Deputies' and units' lists of suggestions: one party item per lead, invited deputy,
lead unit and co-unit, in two indexes: newest first, and by status then newest first.

A party item carries the status and version of the suggestion it reflects; a write
that changes the status moves each party item on (only a newer version replaces one),
so `?status=` is one key range of an index and a page is full. The page's suggestions
are then read in one BatchGetItem.
"""
from pynamodb.exceptions import PutError

from functions.shared.pagination import decode_cursor, encode_cursor, parse_limit
from functions.storage import indexes, keys, suggestion_keys
from functions.storage.conditions import is_condition_failure
from functions.suggestions.items import SuggestionItem, SuggestionPartyItem


def parties_of(suggestion: dict) -> list[tuple[str, str]]:
    """(kind, id) of everyone whose list the suggestion is in."""
    found = [("deputy", suggestion["lead_id"])]
    found += [("deputy", c["deputy_id"]) for c in suggestion.get("cosigners") or []]
    if suggestion.get("unit_id"):
        found.append(("unit", suggestion["unit_id"]))
        found += [("unit", u) for u in suggestion.get("co_unit_ids") or []]
    return list(dict.fromkeys(found))


def sync(suggestion: dict) -> None:
    """Put the suggestion, as it stands now, in each party's list (idempotent; an older
    version never replaces a newer one)."""
    for kind, party_id in parties_of(suggestion):
        _put(suggestion, kind, party_id)


def _put(suggestion: dict, kind: str, party_id: str) -> None:
    sid, created, status = suggestion["id"], suggestion["created_at"], suggestion["status"]
    scope = suggestion_keys.party_suggestions_key(kind, party_id)
    item = SuggestionPartyItem(
        pk=suggestion_keys.suggestion_pk(sid),
        sk=suggestion_keys.suggestion_party_sk(kind, party_id),
        suggestion_id=sid, created_at=created, status=status,
        suggestion_version=int(suggestion.get("version") or 0),
        **indexes.suggestion_parties.entry(scope, f"{created}#{sid}"),
        **indexes.suggestion_parties_by_status.entry(scope, f"{status}#{created}#{sid}"))
    newer = SuggestionPartyItem.suggestion_version
    try:
        item.save(condition=newer.does_not_exist() | (newer < item.suggestion_version))
    except PutError as exc:
        if not is_condition_failure(exc):
            raise  # a failed condition: this party item already reflects a newer write


def page(kind: str, party_id: str, *, status: str | None, limit, cursor) -> tuple:
    """One page of a party's suggestions, newest first: (suggestions, next cursor)."""
    size = parse_limit(limit)
    scope = suggestion_keys.party_suggestions_key(kind, party_id)
    cursor_scope = f"{scope}|{status or ''}"
    if status:
        use = indexes.suggestion_parties_by_status
        condition = use.sort_key(SuggestionPartyItem).startswith(f"{status}#")
    else:
        use, condition = indexes.suggestion_parties, None
    results = use.query(SuggestionPartyItem, scope, range_key_condition=condition,
                        scan_index_forward=False, limit=size, page_size=size,
                        last_evaluated_key=decode_cursor(cursor, cursor_scope))
    ids = [item.suggestion_id for item in results]
    last = results.last_evaluated_key if len(ids) >= size else None
    found = {}
    if ids:
        found = {item.suggestion_id: item for item in SuggestionItem.batch_get(
            [(suggestion_keys.suggestion_pk(sid), keys.META) for sid in ids], consistent_read=True)}
    # A party item a failed after-write left behind shows no suggestion in another status.
    rows = [found[sid] for sid in ids
            if sid in found and (not status or found[sid].status == status)]
    return rows, encode_cursor(last, cursor_scope)
