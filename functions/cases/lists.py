"""Lists of cases, each one Query on the index made for it (no scans, no filters);
the staff queue is in queue.py."""
from datetime import datetime

from functions.identity.access import require_user
from functions.reporting import counters
from functions.cases import rows as case_rows
from functions.cases.views import public_view, summary_view
from functions.cases.states import STATUSES
from functions.shared.errors import ValidationFailed
from functions.shared.pagination import decode_cursor, encode_cursor, parse_limit
from functions.storage import indexes, keys, projected
from functions.storage.index_keys import newest_keys
from functions.storage.low_level import numbers_of
from functions.cases.queue import staff_queue  # noqa: F401 (the queue lives beside)
from functions.cases.my_cases import my_cases  # noqa: F401 (both doors of one person)

# The deputy's figures, read in the same batch as the page's summaries.
_FIGURES = tuple(f"status:{s}" for s in STATUSES)


def _status_filter(status):
    if status in (None, ""):
        return None
    if status not in STATUSES:
        raise ValidationFailed("invalid status", {"status": f"one of {', '.join(STATUSES)}"})
    return status


def _page(use, hash_value, *, scope, limit, cursor, view, prefix=None,
          attributes=case_rows.SUMMARY_ATTRIBUTES):
    """One page of an index's items, newest first, reading only `attributes` of each;
    `view` turns the page's raw items into rows."""
    size = parse_limit(limit)
    raws, last = projected.query(use, hash_value, attributes=attributes, limit=size,
                                 start=decode_cursor(cursor, scope), prefix=prefix)
    last = last if len(raws) >= size else None
    return {"items": view(raws), "next_cursor": encode_cursor(last, scope)}


def _summary_rows(now: datetime):
    return lambda raws: [summary_view(s, now=now) for s in case_rows.summaries(raws)]


def deputy_inbox(*, actor: dict, status=None, limit=None, cursor=None, now: datetime) -> dict:
    actor = require_user(actor, "deputy")
    status = _status_filter(status)
    scope = keys.deputy_cases_key(actor["deputy_id"])
    counter_pk = keys.counter_pk(f"DEPUTY#{actor['deputy_id']}")
    if status:
        result = _page(indexes.inbox_by_status, scope, scope=f"{scope}|{status}", limit=limit,
                       cursor=cursor, prefix=f"{status}#", view=_summary_rows(now))
        figures = counters.figures(f"DEPUTY#{actor['deputy_id']}")
    else:
        result, figures = _newest_inbox(scope, counter_pk, limit, cursor, now)
    result["counts"] = {s: figures.get(f"status:{s}", 0) for s in STATUSES}
    return result


def _newest_inbox(scope: str, counter_pk: str, limit, cursor, now: datetime):
    """The whole inbox newest first: keys from the `inbox_newest` index, then the cases'
    summaries and the deputy's counters in one batch; (the page, the counters)."""
    size = parse_limit(limit)
    pks, last = newest_keys(indexes.inbox_newest, scope, limit=size,
                            start=decode_cursor(cursor, f"{scope}|newest"))
    found = projected.items([*pks, counter_pk], attributes=("summary", *_FIGURES))
    raws = [found[pk] for pk in pks if pk in found]
    return ({"items": _summary_rows(now)(raws),
             "next_cursor": encode_cursor(last, f"{scope}|newest")},
            numbers_of(found.get(counter_pk)))


def public_cases(*, region_id=None, category=None, limit=None, cursor=None) -> dict:
    if not isinstance(region_id, str) or not region_id.strip():
        raise ValidationFailed("region_id is required", {"region_id": "required"})
    if category:
        scope, index = keys.public_cases_key(region_id, category), indexes.public_by_category
    else:
        scope, index = keys.public_cases_key(region_id), indexes.public
    return _page(index, scope, scope=scope, limit=limit, cursor=cursor,
                 attributes=case_rows.PUBLIC_ATTRIBUTES,
                 view=lambda raws: [public_view(case_rows.public_case(r)) for r in raws])
