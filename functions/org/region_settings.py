"""Admin sets the region's case categories and time limits.

A case keeps the limits it was submitted under (`time_limits` on the case), so a change
here applies to new cases only. Category ids are kept: old cases still name theirs.
"""
from functions.identity.access import require_staff
from functions.cases.deadlines import TimeLimits
from functions.shared.errors import ValidationFailed
from functions.shared.ids import new_id
from functions.org.regions import categories_of, forget_cached, get_region_item, limits_of
from functions.storage.models import RegionItem

MAX_CATEGORIES = 20
# Sane bounds per limit, in its own unit (days, or hours for the consultation answer).
BOUNDS = {"deputy_accept_days": (1, 30), "consultation_answer_hours": (1, 240),
          "office_assign_days": (1, 30), "unit_sign_days": (1, 60),
          "unit_answer_days": (1, 180), "rating_days": (1, 60),
          "suggestion_answer_months": (1, 6)}


def current(*, actor: dict) -> dict:
    actor = require_staff(actor, "admin")
    item = get_region_item(actor["region_id"])
    return {"name": item.name, "categories": categories_of(item),
            "time_limits": limits_of(item).to_dict()}


def save(*, actor: dict, categories: list[dict], time_limits: dict) -> dict:
    """Replace both lists; categories without an id get a new one."""
    actor = require_staff(actor, "admin")
    problems, cleaned, seen = {}, [], set()
    for row in categories:
        name = (row.get("name") or "").strip()
        if not name:
            continue
        if len(name) > 12 or name in seen:
            problems["categories"] = "names distinct, at most 12 characters"
        seen.add(name)
        cleaned.append({"id": row.get("id") or new_id("c")[:9], "name": name})
    if not cleaned or len(cleaned) > MAX_CATEGORIES:
        problems["categories"] = f"between 1 and {MAX_CATEGORIES} categories"
    limits = {}
    kept = limits_of(get_region_item(actor["region_id"])).to_dict()
    for key, (low, high) in BOUNDS.items():
        if key not in time_limits:  # a form that does not show a limit keeps its value
            limits[key] = kept[key]
            continue
        try:
            limits[key] = int(str(time_limits.get(key, "")).strip())
        except ValueError:
            limits[key] = None
        if limits[key] is None or not low <= limits[key] <= high:
            problems[key] = f"a whole number from {low} to {high}"
    if problems:
        raise ValidationFailed("invalid settings", problems)
    item = get_region_item(actor["region_id"])
    item.update(actions=[RegionItem.categories.set(cleaned),
                         RegionItem.time_limits.set(TimeLimits(**limits).to_dict())])
    forget_cached(actor["region_id"])
    return current(actor=actor)
