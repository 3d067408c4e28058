"""Dashboard and inbox counters: a few numbers per scope, moved after each case write.

Each case contributes a fixed set of numbers derived from the case alone (its status,
category, Beijing-time months, final rating and timing on its timeline). A write adds
the difference between the case's new and old contribution; the nightly reconcile sums
contributions afresh and repairs any drift (a crash between the case write and this update).
A deputy's figures are one GetItem, whatever the number of cases.

One write per move: a case's numbers for its region are kept on its deputy's counter
item (`region:`-prefixed), beside the deputy's own, so a move is one UpdateItem on one
small item (a case with no deputy moves the region's item alone). A region's figures are
its own item plus the shares of its deputies' items: a sum that grows with the deputies
(one Query page per 1 MB, about 400 deputies with cases), so the dashboard does not make
it per request: the refresh after moves (functions.reporting.ranking_refresh, about two
minutes behind) and the nightly rollup keep it in the region's rollup, one GetItem.
`region_figures` sums it live (the `region_counters` index), the dashboard's fallback
before a region's first refresh. Putting the deputies' figures in the region's item instead would
outgrow DynamoDB's 400 KB item for a region of 1229 deputies, and make every move's write
cost as many capacity units as the item has kilobytes.
"""
from collections import Counter

from functions.cases import placement
from functions.reporting import refresh_mark
from functions.shared.clock import parse_iso
from functions.shared.moments import shanghai_month
from functions.storage import indexes, keys
from functions.storage.low_level import MOVES, add_numbers, get_numbers, numbers_in

REGION_SHARE = "region:"  # a deputy item's share of its region's figures


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


def item_numbers(case: dict) -> dict[str, Counter]:
    """counter item (by scope) → the numbers this one case adds to it: the deputy's own
    and, `region:`-prefixed, the region's, both on the deputy's item."""
    scopes = contribution(case)
    region = scopes.pop(f"REGION#{case['region_id']}")
    if not case.get("deputy_id"):
        return {f"REGION#{case['region_id']}": region, **scopes}
    home = scopes.setdefault(f"DEPUTY#{case['deputy_id']}", Counter())
    home.update({REGION_SHARE + name: n for name, n in region.items()})
    return scopes


def home_attributes(scope: str, region_id: str) -> dict[str, str] | None:
    """What puts a deputy's counter item in its region's `region_counters` index."""
    if not scope.startswith("DEPUTY#"):
        return None
    deputy_id = scope[len("DEPUTY#"):]
    return {"region_id": region_id,
            **indexes.region_counters.entry(keys.region_counters_key(region_id), deputy_id)}


def record_move(old: dict | None, new: dict, now=None) -> None:
    """Add the move's deltas, one UpdateItem per counter item it changes (one, unless the
    case has no deputy); the same write marks the item for the refresh of its region's
    dashboard figures and ranking (functions.reporting.ranking_refresh): every delta moves
    a figure the dashboard shows, be it only the region's share (a rating)."""
    changes = deltas(item_numbers(new), item_numbers(old) if old else {})
    for scope, delta in changes.items():
        add_numbers(keys.counter_pk(scope), delta,
                    stale=refresh_mark.mark(new["region_id"], now),
                    sets=home_attributes(scope, new["region_id"]))


def figures(scope: str) -> dict[str, int]:
    """A deputy's own figures (one GetItem) or a region's (its item and its deputies')."""
    if scope.startswith("REGION#"):
        return region_figures(scope[len("REGION#"):])
    return {k: v for k, v in get_numbers(keys.counter_pk(scope)).items()
            if k != MOVES and not k.startswith(REGION_SHARE)}


def region_figures(region_id: str) -> dict[str, int]:
    """The region's figures summed live: its item plus every deputy item's share
    (GetItem + Query). The dashboard reads them from the rollup instead
    (functions.reporting.ranking_refresh keeps them there); this is its fallback."""
    return sum_region(get_numbers(keys.counter_pk(f"REGION#{region_id}")),
                      numbers_in(indexes.region_counters, keys.region_counters_key(region_id)))


def sum_region(own: dict[str, int], deputy_items) -> dict[str, int]:
    """A region's figures: its own counter item's numbers plus the `region:` share of each
    of its deputies' counter items (an iterable of their numbers)."""
    total = Counter({k: v for k, v in own.items() if k != MOVES})
    for numbers in deputy_items:
        total.update({k[len(REGION_SHARE):]: v for k, v in numbers.items()
                      if k.startswith(REGION_SHARE)})
    return dict(total)
