"""A citizen's own cases, newest first: of one user, or of both doors of one person.

A person who logged in by WeChat and by H5 phone login (functions/identity/phone_link.py)
owns the cases either door submitted; each case keeps the owner that submitted it, so the
list merges two Queries of the `by_owner` index, each at most one page long. The cursor
holds where each owner's list stands, so no case is skipped or shown twice across pages.
"""
from datetime import datetime

from functions.cases import rows as case_rows
from functions.cases.views import summary_view
from functions.identity.access import require_user
from functions.identity.users import owner_ids
from functions.shared.pagination import decode_cursor, encode_cursor, parse_limit
from functions.storage import indexes, keys, projected

_END = "end"
_USE = indexes.by_owner
# A row needs only the summary; merging two doors also needs each item's index key.
_ATTRIBUTES = (*case_rows.SUMMARY_ATTRIBUTES, "sk", _USE.hash_attr, _USE.range_attr)


def my_cases(*, actor: dict, limit=None, cursor=None, now: datetime) -> dict:
    """The caller's cases (both doors' when linked), newest first, paged."""
    actor = require_user(actor)
    owners = owner_ids(actor)

    def view(raws):
        return [summary_view(s, now=now) for s in case_rows.summaries(raws)]
    if len(owners) == 1:
        scope, size = keys.owner_cases_key(owners[0]), parse_limit(limit)
        raws, last = projected.query(_USE, scope, attributes=case_rows.SUMMARY_ATTRIBUTES,
                                     limit=size, start=decode_cursor(cursor, scope))
        last = last if len(raws) >= size else None
        return {"items": view(raws), "next_cursor": encode_cursor(last, scope)}
    return _merged(owners, limit, cursor, view)


def _merged(owners: list[str], limit, cursor, view) -> dict:
    size = parse_limit(limit)
    scope = "mine|" + "|".join(sorted(owners))
    positions = decode_cursor(cursor, scope) or {}
    streams, more = {}, {}
    for owner in owners:
        if positions.get(owner) == _END:
            continue
        raws, last = projected.query(_USE, keys.owner_cases_key(owner), attributes=_ATTRIBUTES,
                                     limit=size, start=positions.get(owner))
        streams[owner] = raws
        more[owner] = len(raws) >= size and last is not None
    taken, used = [], {owner: 0 for owner in streams}
    while len(taken) < size:
        # Each list in its own index order; the newest head next, so each list's part
        # of the page is a prefix of it and its cursor position is exact.
        heads = [(items[used[owner]].get(_USE.range_attr, {}).get("S", ""), owner)
                 for owner, items in streams.items() if used[owner] < len(items)]
        if not heads:
            break
        owner = max(heads)[1]
        taken.append(streams[owner][used[owner]])
        used[owner] += 1
    after = dict(positions)
    for owner, items in streams.items():
        if used[owner] < len(items) or more[owner]:
            after[owner] = _key_of(items[used[owner] - 1]) if used[owner] else \
                positions.get(owner)
        else:
            after[owner] = _END
    unfinished = any(after.get(owner) != _END for owner in owners)
    return {"items": view(taken),
            "next_cursor": encode_cursor(after, scope) if unfinished else None}


def _key_of(raw: dict) -> dict:
    """The index key of the raw item, where its owner's list goes on from."""
    return {name: raw[name] for name in ("pk", "sk", _USE.hash_attr, _USE.range_attr)}
