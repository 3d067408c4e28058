"""The overdue board: a region's open cases whose earliest handling deadline has passed.

Open cases with a handling deadline carry the sparse `open_deadline` index (set in
`storage.case_repository.index_attributes`): `REGION#<rid>#OPEN_DEADLINES` /
`<earliest deadline other than rate>#<case id>`. The board is one Query with
`range <= now`, reading exactly the overdue cases, oldest deadline first, and of each
only its list summary.
"""
from datetime import datetime

from functions.identity.access import require_staff
from functions.cases import rows as case_rows
from functions.cases.views import summary_view
from functions.shared.clock import iso
from functions.shared.pagination import decode_cursor, encode_cursor, parse_limit
from functions.storage import indexes, keys, projected


def board(*, actor: dict, now: datetime, limit=None, cursor=None) -> dict:
    """Overdue cases of the actor's region, the longest overdue first (their summaries)."""
    actor = require_staff(actor, "admin", "office")
    scope = keys.open_deadlines_key(actor["region_id"])
    size = parse_limit(limit)
    # '~' sorts after every case id, so a deadline of exactly now counts as passed.
    raws, last = projected.query(indexes.open_deadline, scope, newest_first=False,
                                 at_most=f"{iso(now)}#~", limit=size,
                                 attributes=case_rows.SUMMARY_ATTRIBUTES,
                                 start=decode_cursor(cursor, scope))
    last = last if len(raws) >= size else None
    return {"items": [summary_view(s, now=now) for s in case_rows.summaries(raws)],
            "next_cursor": encode_cursor(last, scope)}
