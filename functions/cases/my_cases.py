"""A citizen's own cases, newest first: of one user, or of both doors of one person.

A person who logged in by WeChat and by H5 phone login (functions/identity/phone_link.py)
owns the cases either door submitted; each case keeps the owner that submitted it, so the
list merges two Queries of the `by_owner` index, each at most one page long. The cursor
holds where each owner's list stands, so no case is skipped or shown twice across pages.
"""
from datetime import datetime

from functions.cases.repository import from_item
from functions.cases.views import summary_view
from functions.identity.access import require_user
from functions.identity.users import owner_ids
from functions.shared.pagination import decode_cursor, encode_cursor, page, parse_limit
from functions.storage import indexes, keys
from functions.storage.models import CaseItem

_END = "end"


def my_cases(*, actor: dict, limit=None, cursor=None, now: datetime) -> dict:
    """The caller's cases (both doors' when linked), newest first, paged."""
    actor = require_user(actor)
    owners = owner_ids(actor)

    def view(item):
        return summary_view(from_item(item), now=now)
    if len(owners) == 1:
        scope = keys.owner_cases_key(owners[0])
        return page(_query(scope), scope=scope, limit=limit, cursor=cursor, view=view)
    return _merged(owners, limit, cursor, view)


def _query(scope: str):
    def run(**kwargs):
        return indexes.by_owner.index(CaseItem).query(scope, scan_index_forward=False,
                                                      **kwargs)
    return run


def _merged(owners: list[str], limit, cursor, view) -> dict:
    size = parse_limit(limit)
    scope = "mine|" + "|".join(sorted(owners))
    positions = decode_cursor(cursor, scope) or {}
    streams, more = {}, {}
    for owner in owners:
        if positions.get(owner) == _END:
            continue
        results = _query(keys.owner_cases_key(owner))(
            limit=size, page_size=size, last_evaluated_key=positions.get(owner))
        streams[owner] = list(results)
        more[owner] = len(streams[owner]) >= size and results.last_evaluated_key is not None
    taken, used = [], {owner: 0 for owner in streams}
    while len(taken) < size:
        # Each list in its own index order; the newest head next, so each list's part
        # of the page is a prefix of it and its cursor position is exact.
        heads = [(indexes.by_owner.range_of(items[used[owner]]) or "", owner)
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
    return {"items": [view(item) for item in taken],
            "next_cursor": encode_cursor(after, scope) if unfinished else None}


def _key_of(item: CaseItem) -> dict:
    """The index key of `item`, where its owner's list goes on from."""
    use = indexes.by_owner
    return {"pk": {"S": item.pk}, "sk": {"S": item.sk},
            use.hash_attr: {"S": getattr(item, use.hash_attr)},
            use.range_attr: {"S": getattr(item, use.range_attr)}}
