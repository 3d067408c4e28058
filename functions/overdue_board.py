"""The overdue board: a region's open cases whose earliest handling deadline has passed.

It needs a sparse index that only open cases with a handling deadline carry (asked of
the case repository's owner, see `index_values`): index `open_deadline` on
`deadline_pk` = `REGION#<rid>#OPEN_DEADLINES`, `deadline_at` = `<earliest deadline other
than rate>#<case id>`, model attribute `CaseItem.by_open_deadline`. The board is then one Query with
`range <= now`, reading exactly the overdue cases, oldest deadline first.
"""
from datetime import datetime

from functions.access import require_staff
from functions.case_views import summary_view
from functions.clock import iso
from functions.domain.case_states import OPEN_STATUSES
from functions.domain.errors import Unavailable
from functions.pagination import page
from functions.storage.case_repository import from_item
from functions.storage.models import CaseItem

INDEX_ATTRIBUTE = "by_open_deadline"  # the model's index, once it exists
# The rating deadline waits on the citizen, not on anyone handling the case.
_NOT_HANDLING = frozenset({"rate"})


def open_deadlines_key(region_id: str) -> str:
    return f"REGION#{region_id}#OPEN_DEADLINES"


def index_values(case: dict) -> tuple[str, str] | None:
    """(hash, range) of the case on the open-deadline index, or None to leave it out."""
    due = [when for name, when in (case.get("deadlines") or {}).items()
           if name not in _NOT_HANDLING]
    if case["status"] not in OPEN_STATUSES or not due:
        return None
    return open_deadlines_key(case["region_id"]), f"{min(due)}#{case['id']}"


def available() -> bool:
    return hasattr(CaseItem, INDEX_ATTRIBUTE)


def board(*, actor: dict, now: datetime, limit=None, cursor=None) -> dict:
    """Overdue cases of the actor's region, the longest overdue first."""
    actor = require_staff(actor, "admin", "office")
    if not available():
        raise Unavailable("the open-deadline index is not deployed yet")
    index = getattr(CaseItem, INDEX_ATTRIBUTE)
    range_attr = getattr(CaseItem, "deadline_at")
    scope = open_deadlines_key(actor["region_id"])
    # '~' sorts after every case id, so a deadline of exactly now counts as passed.
    condition = range_attr <= f"{iso(now)}#~"

    def query(**kwargs):
        return index.query(scope, range_key_condition=condition, **kwargs)
    return page(query, scope=scope, limit=limit, cursor=cursor,
                view=lambda item: summary_view(from_item(item), now=now))
