"""Dashboard and inbox counters: a few numbers per scope, moved after each case write.

Each case contributes a fixed set of numbers derived from the case alone (its status,
category, Beijing-time months, final rating and timing on its timeline). A write adds
the difference between the case's new and old contribution; the nightly reconcile sums
contributions afresh and repairs any drift (a crash between the case write and this update).
Reading a scope's figures is one GetItem, whatever the number of cases.
"""
from collections import Counter

from functions.cases import placement
from functions.shared.clock import parse_iso
from functions.shared.moments import shanghai_month
from functions.storage import keys
from functions.storage.low_level import MOVES, add_numbers, get_numbers


def contribution(case: dict) -> dict[str, Counter]:
    """scope → the numbers this one case adds to it."""
    region, own = Counter(), Counter()
    region.update({"total": 1, f"category:{case['category']}": 1,
                   f"received:{shanghai_month(case['created_at'])}": 1,
                   f"status:{case['status']}": 1})
    own.update({"total": 1, f"status:{case['status']}": 1})
    timeline = case.get("timeline") or []
    first = next((e for e in timeline[1:] if e.get("status") != "submitted"), None)
    if first:
        minutes = max(0, int((parse_iso(first["at"]) - parse_iso(case["created_at"]))
                             .total_seconds() // 60))
        for scope in (region, own):
            scope.update({"first_response:count": 1, "first_response:minutes": minutes})
    if (case.get("rating") or {}).get("rating"):
        # A case counts once, by its latest rating: unsatisfied, then satisfied after the
        # rework, is one satisfied case.
        region[f"rating:{case['rating']['rating']}"] += 1
    for entry in timeline:
        if entry["action"] in ("reply", "answer") and "on_time" in entry:
            region["answered:on_time" if entry["on_time"] else "answered:late"] += 1
            own["answered:on_time" if entry["on_time"] else "answered:late"] += 1
    if case["status"] == "closed" and timeline:
        region[f"closed:{shanghai_month(timeline[-1]['at'])}"] += 1
        if timeline[-1]["action"] == "close_unrated":
            region["rating:not_rated"] += 1
    scopes = {f"REGION#{case['region_id']}": region}
    if placement.deputy_of(case):  # a held case is not the deputy's until released
        scopes[f"DEPUTY#{case['deputy_id']}"] = own
    return scopes


def changes_for(old: dict | None, new: dict) -> dict[str, dict[str, int]]:
    """scope → {counter → delta} for a case moving from `old` to `new`."""
    return deltas(contribution(new), contribution(old) if old else {})


def deltas(after: dict, before: dict) -> dict[str, dict[str, int]]:
    """scope → {counter → delta} between two contributions (scope → {counter → n}),
    leaving out what did not change."""
    changed = {}
    for scope in set(after) | set(before):
        delta = Counter(after.get(scope, {}))
        delta.subtract(before.get(scope, {}))
        changed[scope] = {k: v for k, v in delta.items() if v}
    return {scope: d for scope, d in changed.items() if d}


def record_move(old: dict | None, new: dict, now=None) -> None:
    """Add the move's deltas; a move that changes a deputy's figures also marks the
    region's counter item for a ranking refresh (functions.reporting.ranking_refresh), same write."""
    changes = changes_for(old, new)
    region = f"REGION#{new['region_id']}"
    stale = None
    if any(scope.startswith("DEPUTY#") for scope in changes):
        from functions.reporting import ranking_refresh
        stale = ranking_refresh.mark(new["region_id"], now)
        changes.setdefault(region, {})
    for scope, delta in changes.items():
        add_numbers(keys.counter_pk(scope), delta, stale=stale if scope == region else None)


def figures(scope: str) -> dict[str, int]:
    return {k: v for k, v in get_numbers(keys.counter_pk(scope)).items() if k != MOVES}
