"""Lists of cases, each one Query on the index made for it (no scans, no filters);
the staff queue is in queue.py."""
from datetime import datetime

from functions.reporting import counters
from functions.identity.access import require_user
from functions.cases.views import public_view, summary_view
from functions.cases.states import STATUSES
from functions.shared.errors import ValidationFailed
from functions.shared.pagination import decode_cursor, encode_cursor, page, parse_limit
from functions.storage import indexes, keys
from functions.cases.repository import from_item
from functions.storage.low_level import newest_keys, numbers_of, raw_items
from functions.storage.models import CaseItem
from functions.cases.queue import staff_queue  # noqa: F401 (the queue lives beside)
from functions.cases.my_cases import my_cases  # noqa: F401 (both doors of one person)


def _status_filter(status):
    if status in (None, ""):
        return None
    if status not in STATUSES:
        raise ValidationFailed("invalid status", {"status": f"one of {', '.join(STATUSES)}"})
    return status


def _query(use, hash_value, *, prefix=None, newest_first=True):
    index, range_attr = use.index(CaseItem), use.sort_key(CaseItem)

    def run(**kwargs):
        condition = range_attr.startswith(f"{prefix}#") if prefix else None
        return index.query(hash_value, range_key_condition=condition,
                           scan_index_forward=not newest_first, **kwargs)
    return run


def deputy_inbox(*, actor: dict, status=None, limit=None, cursor=None, now: datetime) -> dict:
    actor = require_user(actor, "deputy")
    status = _status_filter(status)
    scope = keys.deputy_cases_key(actor["deputy_id"])
    counter_pk = keys.counter_pk(f"DEPUTY#{actor['deputy_id']}")
    if status:
        result = page(_query(indexes.inbox_by_status, scope, prefix=status),
                      scope=f"{scope}|{status}", limit=limit, cursor=cursor,
                      view=lambda item: summary_view(from_item(item), now=now))
        figures = counters.figures(f"DEPUTY#{actor['deputy_id']}")
    else:
        result, figures = _newest_inbox(scope, counter_pk, limit, cursor, now)
    result["counts"] = {s: figures.get(f"status:{s}", 0) for s in STATUSES}
    return result


def _newest_inbox(scope: str, counter_pk: str, limit, cursor, now: datetime):
    """The whole inbox newest first: keys from the `inbox_newest` index, then the cases and the
    deputy's counters in one batch; (the page, the counters)."""
    size = parse_limit(limit)
    pks, last = newest_keys(indexes.inbox_newest, scope, limit=size,
                            start=decode_cursor(cursor, f"{scope}|newest"))
    found = raw_items([*pks, counter_pk])
    items = [summary_view(from_item(CaseItem.from_raw_data(found[pk])), now=now)
             for pk in pks if pk in found]
    return ({"items": items, "next_cursor": encode_cursor(last, f"{scope}|newest")},
            numbers_of(found.get(counter_pk)))


def public_cases(*, region_id=None, category=None, limit=None, cursor=None) -> dict:
    if not isinstance(region_id, str) or not region_id.strip():
        raise ValidationFailed("region_id is required", {"region_id": "required"})
    if category:
        scope, index = keys.public_cases_key(region_id, category), indexes.public_by_category
    else:
        scope, index = keys.public_cases_key(region_id), indexes.public
    return page(_query(index, scope), scope=scope, limit=limit, cursor=cursor,
                view=lambda item: public_view(from_item(item)))
