"""Dashboard and inbox counters: a few numbers per scope, moved after each case write.

A crash between the case write and this update loses nothing: the nightly reconcile
recounts and repairs. Reading a scope's figures is one GetItem, whatever the case count.
"""
from collections import Counter
from datetime import datetime

from functions.domain.reminders import is_overdue

from functions.storage import keys
from functions.storage.low_level import add_numbers, get_numbers


def _month(stamp: str) -> str:
    return stamp[:7]


def changes_for(old: dict | None, new: dict) -> dict[str, dict[str, int]]:
    """scope → {counter name → delta} for a case moving from `old` to `new`."""
    region = f"REGION#{new['region_id']}"
    deltas: dict[str, Counter] = {region: Counter()}
    deputy = f"DEPUTY#{new['deputy_id']}" if new.get("deputy_id") else None
    if deputy:
        deltas[deputy] = Counter()
    if old is None:
        deltas[region].update({f"category:{new['category']}": 1, "total": 1,
                               f"received:{_month(new['created_at'])}": 1})
        if deputy:
            deltas[deputy]["total"] += 1
    if old is None or old["status"] != new["status"]:
        for scope in filter(None, (region, deputy)):
            if old is not None:
                deltas[scope][f"status:{old['status']}"] -= 1
            deltas[scope][f"status:{new['status']}"] += 1
    if old is not None:
        _record_milestones(old, new, deltas[region], deltas.get(deputy))
    return {scope: {k: v for k, v in d.items() if v} for scope, d in deltas.items()
            if any(d.values())}


def _record_milestones(old: dict, new: dict, region: Counter, deputy: Counter | None):
    action = (new.get("timeline") or [{}])[-1].get("action")
    if action == "rate":
        region[f"rating:{new['rating']['rating']}"] += 1
    if new["status"] == "closed" and old["status"] != "closed":
        region[f"closed:{_month(new['updated_at'])}"] += 1
        if not new.get("rating") or old["status"] not in ("replied", "answered") \
                or action == "close_unrated":
            region["rating:not_rated"] += 1
    if old["status"] == "submitted" and new["status"] != "submitted":
        # Time to first response, in whole minutes, for the average on the dashboard.
        minutes = _minutes_between(new["created_at"], new["updated_at"])
        region["first_response:count"] += 1
        region["first_response:minutes"] += minutes
        if deputy is not None:
            deputy["first_response:count"] += 1
            deputy["first_response:minutes"] += minutes
    if action in ("answer", "reply") and new["status"] in ("answered", "replied"):
        on_time = not old.get("overdue") and not is_overdue(
            old.get("deadlines") or {}, _parse(new["updated_at"]))
        region["answered:on_time" if on_time else "answered:late"] += 1


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _minutes_between(start: str, end: str) -> int:
    return max(0, int((_parse(end) - _parse(start)).total_seconds() // 60))


def record_move(old: dict | None, new: dict) -> None:
    for scope, delta in changes_for(old, new).items():
        add_numbers(keys.counter_pk(scope), delta)


def figures(scope: str) -> dict[str, int]:
    return get_numbers(keys.counter_pk(scope))
