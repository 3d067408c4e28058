"""Figures per handling unit of a region: on-time rate, A/B/C shares, satisfaction.

Counted from the suggestions themselves (one paged Query on `region_suggestions`), so they
can never disagree with what the units did. Rates are null where nothing was counted.
"""
from functions.identity.access import require_staff
from functions.suggestions import repository

SATISFIED = frozenset({"satisfied", "basically_satisfied"})


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def figures(suggestions) -> dict:
    """Per lead unit: how many it was given, answered, on time, by class, and rated."""
    units: dict[str, dict] = {}
    for suggestion in suggestions:
        if not suggestion.get("unit_id"):
            continue
        row = units.setdefault(suggestion["unit_id"], {
            "unit_id": suggestion["unit_id"], "unit_name": suggestion.get("unit_name"),
            "assigned": 0, "answers": 0, "on_time": 0, "classes": {"A": 0, "B": 0, "C": 0},
            "evaluations": 0, "satisfied": 0})
        row["assigned"] += 1
        for answer in suggestion.get("answers") or []:
            row["answers"] += 1
            row["on_time"] += bool(answer.get("on_time"))
            row["classes"][answer["classification"]] += 1
        for evaluation in suggestion.get("evaluations") or []:
            row["evaluations"] += 1
            row["satisfied"] += evaluation["rating"] in SATISFIED
    for row in units.values():
        row["on_time_rate"] = _rate(row["on_time"], row["answers"])
        row["shares"] = {k: _rate(v, row["answers"]) for k, v in row["classes"].items()}
        row["satisfaction_rate"] = _rate(row["satisfied"], row["evaluations"])
    return {"units": sorted(units.values(), key=lambda r: r["unit_name"] or r["unit_id"])}


def by_unit(*, actor: dict) -> dict:
    actor = require_staff(actor, "office", "admin")
    return figures(repository.region_suggestions(actor["region_id"]))


def key_board(*, actor: dict) -> list[dict]:
    """The region's key suggestions (重点督办), newest first, for the office's board."""
    actor = require_staff(actor, "office", "admin")
    return list(repository.key_suggestions(actor["region_id"]))
