"""The overdue board: a region's open cases whose earliest handling deadline has passed.

Open cases with a handling deadline carry the sparse `open_deadline` index (set in
`storage.case_repository.index_attributes`): `REGION#<rid>#OPEN_DEADLINES` /
`<earliest deadline other than rate>#<case id>`. The board is one Query with
`range <= now`, reading exactly the overdue cases, oldest deadline first.
"""
from datetime import datetime

from functions.identity.access import require_staff
from functions.cases.views import summary_view
from functions.shared.clock import iso
from functions.shared.pagination import page
from functions.cases import repository as case_repository
from functions.cases.repository import from_item
from functions.storage import keys


def board(*, actor: dict, now: datetime, limit=None, cursor=None) -> dict:
    """Overdue cases of the actor's region, the longest overdue first."""
    actor = require_staff(actor, "admin", "office")
    scope = keys.open_deadlines_key(actor["region_id"])
    query = case_repository.overdue_query(actor["region_id"], iso(now))
    return page(query, scope=scope, limit=limit, cursor=cursor,
                view=lambda item: summary_view(from_item(item), now=now))
