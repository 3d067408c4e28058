"""List rows from raw, projected case items: the stored summary when the item has one, the
whole item (read in one batch) for a case written before summaries existed.

`python -m functions.reconcile` gives such old items their summary (recount.py), so the
fallback read fades away.
"""
from functions.cases import summary as case_summary
from functions.cases.repository import from_item
from functions.storage import indexes, keys
from functions.storage.models import CaseItem
from functions.storage.plain_attributes import plain_item

SUMMARY_ATTRIBUTES = ("pk", "summary")
# What the public view shows (views.public_view): never the outbox, phone or exact place.
PUBLIC_ATTRIBUTES = ("pk", "case_id", "status", "case_type", "category", "content",
                     "public_text", "photos", "created_at", "updated_at", "region_id",
                     "region_name", "deputy_name", "unit_name", "rating", "timeline")


def summaries(raws: list[dict]) -> list[dict]:
    """The summary of each raw case item (with `pk` and, if it has one, `summary`), in
    order; a case gone meanwhile is left out."""
    found = summaries_by_pk(raws)
    return [found[raw["pk"]["S"]] for raw in raws if raw["pk"]["S"] in found]


def summaries_by_pk(raws: list[dict]) -> dict[str, dict]:
    """{pk: summary} of raw case items; those without one are read whole in one batch."""
    found = {raw["pk"]["S"]: case_summary.decode(raw["summary"]["S"])
             for raw in raws if "summary" in raw}
    missing = [raw["pk"]["S"] for raw in raws if "summary" not in raw]
    if missing:
        found.update({item.pk: case_summary.summary_of(from_item(item))
                      for item in CaseItem.batch_get([(pk, keys.META) for pk in missing])})
    return found


def public_case(raw: dict) -> dict:
    """A projected public item as the case dict views.public_view reads."""
    case = plain_item(raw)
    case["id"], case["type"] = case.pop("case_id"), case.pop("case_type")
    return case


def is_stale(item: CaseItem, case: dict) -> bool:
    """Does the case item (`case` is it as a dict) lack the list row this code writes (its
    summary, its place on the unit's 已办结 index)? Then `repository.save` of the case
    brings it up to date."""
    stored = case_summary.decode(item.summary) if item.summary else None
    done_at, use = case_summary.unit_done_at(case), indexes.unit_done
    placed = (getattr(item, use.hash_attr), getattr(item, use.range_attr))
    if done_at:
        placed_right = placed == (keys.unit_done_key(case["unit_id"]), f"{done_at}#{case['id']}")
    else:  # the queue index may hold its queue entry; only a leftover 已办结 entry is wrong
        placed_right = not str(placed[0]).endswith("#DONE")
    return stored != case_summary.summary_of(case) or not placed_right
