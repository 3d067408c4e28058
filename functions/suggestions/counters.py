"""A region's suggestion figures, kept as counters moved after each suggestion write.

One counter item per region (`COUNTERS#SUGGESTIONS#REGION#rid`) holds both the region's
figures (by status, answers on time, classes, ratings) and each lead unit's
(`unit:<uid>:…`), so the per-unit statistics and the dashboard read one item whatever
the number of suggestions. Each suggestion contributes numbers derived from itself
alone; a write adds the difference between its new and old contribution, and the
nightly recount (functions/suggestions/recount.py) repairs any drift.
"""
from collections import Counter

from functions.reporting.counters import deltas
from functions.storage import keys
from functions.storage.low_level import MOVES, add_numbers, get_numbers

SATISFIED = frozenset({"satisfied", "basically_satisfied"})


def scope_of(region_id: str) -> str:
    return f"SUGGESTIONS#REGION#{region_id}"


def contribution(suggestion: dict) -> dict[str, Counter]:
    """scope → the numbers this one suggestion adds to it."""
    numbers = Counter({"total": 1, f"status:{suggestion['status']}": 1})
    unit = suggestion.get("unit_id")
    if unit:
        numbers[f"unit:{unit}:assigned"] += 1
    for answer in suggestion.get("answers") or []:
        timing = "on_time" if answer.get("on_time") else "late"
        numbers[f"answered:{timing}"] += 1
        numbers[f"class:{answer['classification']}"] += 1
        if unit:
            numbers[f"unit:{unit}:answers"] += 1
            numbers[f"unit:{unit}:on_time"] += timing == "on_time"
            numbers[f"unit:{unit}:class:{answer['classification']}"] += 1
    for evaluation in suggestion.get("evaluations") or []:
        numbers[f"rating:{evaluation['rating']}"] += 1
        if unit:
            numbers[f"unit:{unit}:evaluations"] += 1
            numbers[f"unit:{unit}:satisfied"] += evaluation["rating"] in SATISFIED
    return {scope_of(suggestion["region_id"]): +numbers}


def changes_for(old: dict | None, new: dict) -> dict[str, dict[str, int]]:
    """scope → {counter → delta} for a suggestion moving from `old` to `new`."""
    return deltas(contribution(new), contribution(old) if old else {})


def record_move(old: dict | None, new: dict) -> None:
    """Add the move's deltas (one atomic UpdateItem ADD per scope that changed)."""
    for scope, delta in changes_for(old, new).items():
        add_numbers(keys.counter_pk(scope), delta)


def figures(region_id: str) -> dict[str, int]:
    """Every counter of the region's suggestions: one GetItem."""
    return {k: v for k, v in get_numbers(keys.counter_pk(scope_of(region_id))).items()
            if k != MOVES}
