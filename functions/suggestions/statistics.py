"""Figures per handling unit of a region (on-time rate, A/B/C shares, satisfaction) and
the region's own, for the statistics page and the dashboard.

Read from the region's suggestion counters (counters.py): one GetItem for the figures
and one BatchGetItem for the units' names, whatever the number of suggestions. Rates
are null where nothing was counted.
"""
from functions.identity.access import require_staff
from functions.org.units import find_units
from functions.suggestions import counters, repository
from functions.suggestions.machine import STATUSES

CLASSES = ("A", "B", "C")
RATINGS = ("satisfied", "basically_satisfied", "unsatisfied")


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def unit_rows(numbers: dict[str, int]) -> list[dict]:
    """Per lead unit: how many it was given, answered, on time, by class, and rated."""
    units: dict[str, dict] = {}
    for name, value in numbers.items():
        if not name.startswith("unit:"):
            continue
        unit_id, _, figure = name[len("unit:"):].partition(":")
        row = units.setdefault(unit_id, {
            "unit_id": unit_id, "assigned": 0, "answers": 0, "on_time": 0,
            "classes": dict.fromkeys(CLASSES, 0), "evaluations": 0, "satisfied": 0})
        if figure.startswith("class:"):
            row["classes"][figure[len("class:"):]] = value
        else:
            row[figure] = value
    names = {u.unit_id: u.name for u in find_units(list(units))} if units else {}
    for row in units.values():
        row["unit_name"] = names.get(row["unit_id"])
        row["on_time_rate"] = _rate(row["on_time"], row["answers"])
        row["shares"] = {k: _rate(v, row["answers"]) for k, v in row["classes"].items()}
        row["satisfaction_rate"] = _rate(row["satisfied"], row["evaluations"])
    return sorted(units.values(), key=lambda r: r["unit_name"] or r["unit_id"])


def region_summary(numbers: dict[str, int]) -> dict:
    """The region's suggestions by status, answers on time, classes and ratings."""
    on_time, late = numbers.get("answered:on_time", 0), numbers.get("answered:late", 0)
    ratings = {r: numbers.get(f"rating:{r}", 0) for r in RATINGS}
    return {"total": numbers.get("total", 0),
            "by_status": {s: numbers.get(f"status:{s}", 0) for s in STATUSES},
            "answers": on_time + late, "on_time_rate": _rate(on_time, on_time + late),
            "classes": {c: numbers.get(f"class:{c}", 0) for c in CLASSES},
            "ratings": ratings,
            "satisfaction_rate": _rate(ratings["satisfied"] + ratings["basically_satisfied"],
                                       sum(ratings.values()))}


def by_unit(*, actor: dict) -> dict:
    """Each lead unit's figures and the region's, from one counter item."""
    actor = require_staff(actor, "office", "admin")
    numbers = counters.figures(actor["region_id"])
    return {"units": unit_rows(numbers), "region": region_summary(numbers)}


def region_figures(region_id: str) -> dict:
    """The dashboard's suggestion figures: one GetItem."""
    return region_summary(counters.figures(region_id))


def key_board(*, actor: dict) -> list[dict]:
    """The region's key suggestions (重点督办), newest first, for the office's board."""
    actor = require_staff(actor, "office", "admin")
    return list(repository.key_suggestions(actor["region_id"]))
