"""The office's and a unit's queue: what waits on them, newest first, each row saying why
it is there (`reason`, from the case's summary); a unit's 已办结 tab besides.

The `queue` index sorts by `status#created#id`, so one status is one key range.
Unfiltered, the page is merged from the queue's statuses (a unit's two, the office's four),
every range read from the cursor down, at most limit + 1 items each. A unit's queue also holds link items
for the cases it co-handles (`functions/cases/co_unit_links.py`): their cases' summaries
are read in one batch and shown as the case stands. The office's queue likewise holds a
link for each case whose extension request waits for its decision
(`functions/cases/extension_links.py`), shown with the reason `extension_requested` while
the request still waits; the case stays in the unit's queue. The 已办结 tab (`tab=done`) is the
`unit_done` index: the cases the unit answered, newest answer first. Every read asks for
the summary alone, never the whole case.
"""
from datetime import datetime

from functions.identity.access import require_staff
from functions.cases import rows as case_rows
from functions.cases.views import summary_view
from functions.cases.co_unit_links import queued_co_units
from functions.cases.extension_links import REASON as EXTENSION_REASON, waits_on_office
from functions.cases.states import STATUSES
from functions.shared.errors import Forbidden, ValidationFailed
from functions.shared.pagination import decode_cursor, encode_cursor, parse_limit
from functions.storage import indexes, keys, projected
from functions.storage.plain_attributes import plain_item

# The office's own cases are forwarded or submitted; its extension links follow their case's
# status (assigned, in_progress), as do a unit's co-handling links.
QUEUE_STATUSES = {"office": ("forwarded", "submitted", "assigned", "in_progress"),
                  "unit": ("assigned", "in_progress")}
UNIT_TABS = ("assigned", "in_progress", "done")  # 待签收 / 办理中 / 已办结
_QUEUE_ATTRIBUTES = ("pk", "type", "summary", "case_id", indexes.queue.range_attr)


def staff_queue(*, actor: dict, status=None, tab=None, limit=None, cursor=None,
                now: datetime) -> dict:
    actor = require_staff(actor, "office", "unit")
    if status not in (None, "") and status not in STATUSES:
        raise ValidationFailed("invalid status", {"status": f"one of {', '.join(STATUSES)}"})
    if tab not in (None, ""):
        if tab not in UNIT_TABS:
            raise ValidationFailed("invalid tab", {"tab": f"one of {', '.join(UNIT_TABS)}"})
        if actor["role"] != "unit":
            raise Forbidden("tabs are a unit's queue; the office filters by status")
        if tab == "done":
            return _done(actor, limit, cursor, now)
        status = tab
    scope = keys.office_queue_key(actor["region_id"]) if actor["role"] == "office" \
        else keys.unit_queue_key(actor["unit_id"])
    size = parse_limit(limit)
    after = decode_cursor(cursor, f"{scope}|{status or ''}")
    found, more = [], False
    for each in ([status] if status else QUEUE_STATUSES[actor["role"]]):
        raws, _ = projected.query(indexes.queue, scope, attributes=_QUEUE_ATTRIBUTES,
                                  limit=size + 1, between=(f"{each}#", f"{each}#{after or '~'}"))
        more = more or len(raws) > size
        placed = [(raw[indexes.queue.range_attr]["S"].split("#", 1)[1], raw) for raw in raws]
        found += [(key, raw) for key, raw in placed if not after or key < after]
    found.sort(key=lambda pair: pair[0], reverse=True)
    shown = found[:size]
    more = more or len(found) > size
    rows = _rows([raw for _, raw in shown], actor, now)
    last = shown[-1][0] if shown and more else None
    return {"items": rows, "next_cursor": encode_cursor(last, f"{scope}|{status or ''}")}


def _done(actor: dict, limit, cursor, now: datetime) -> dict:
    """The unit's answered and closed cases, newest answer first."""
    scope = keys.unit_done_key(actor["unit_id"])
    size = parse_limit(limit)
    raws, last = projected.query(indexes.unit_done, scope, limit=size,
                                 attributes=case_rows.SUMMARY_ATTRIBUTES,
                                 start=decode_cursor(cursor, f"{scope}|done"))
    last = last if len(raws) >= size else None
    return {"items": [_row(s, now) for s in case_rows.summaries(raws)],
            "next_cursor": encode_cursor(last, f"{scope}|done")}


def _row(summary: dict, now: datetime) -> dict:
    return {**summary_view(summary, now=now), "reason": summary.get("reason")}


def _rows(raws: list, actor: dict, now: datetime) -> list[dict]:
    cases = [raw for raw in raws if raw["type"]["S"] == "case"]
    links = [raw for raw in raws if raw["type"]["S"] in ("co_unit_link", "extension_link")]
    found = case_rows.summaries_by_pk(cases)
    linked = _linked_cases(links)
    rows = []
    for raw in raws:
        pk = raw["pk"]["S"]
        if raw["type"]["S"] == "case":
            if pk in found:
                rows.append(_row(found[pk], now))
        elif pk not in linked:
            continue  # the case is gone
        elif raw["type"]["S"] == "extension_link":
            if actor["role"] == "office" and waits_on_office(linked[pk]):
                rows.append({**_row(linked[pk], now), "reason": EXTENSION_REASON})
        elif actor.get("unit_id") in queued_co_units(linked[pk]):
            rows.append({**_row(linked[pk], now), "co_handling": True})
    return rows


def _linked_cases(links: list[dict]) -> dict[str, dict]:
    """{pk: summary with co_unit_ids and extension} of the cases behind link items."""
    if not links:
        return {}
    raws = projected.items([keys.case_pk(link["case_id"]["S"]) for link in links],
                           attributes=("summary", "co_unit_ids", "extension"),
                           consistent=False)
    summaries = case_rows.summaries_by_pk(list(raws.values()))
    plain = {pk: plain_item(raws[pk]) for pk in summaries}
    return {pk: {**summary, "co_unit_ids": plain[pk].get("co_unit_ids"),
                 "extension": plain[pk].get("extension")} for pk, summary in summaries.items()}
