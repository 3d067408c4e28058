"""Region figures from counters: one read whatever the number of cases."""
from functions.reporting import counters
from functions.identity.access import require_staff
from functions.cases.states import STATUSES


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def stats(*, actor: dict) -> dict:
    actor = require_staff(actor, "admin", "office")
    figures = counters.figures(f"REGION#{actor['region_id']}")
    by_prefix = lambda p: {k[len(p):]: v for k, v in figures.items() if k.startswith(p)}  # noqa: E731
    on_time, late = figures.get("answered:on_time", 0), figures.get("answered:late", 0)
    ratings = by_prefix("rating:")
    rated = sum(ratings.get(r, 0) for r in ("satisfied", "basically_satisfied", "unsatisfied"))
    happy = ratings.get("satisfied", 0) + ratings.get("basically_satisfied", 0)
    responses = figures.get("first_response:count", 0)
    return {
        "region_id": actor["region_id"],
        "total": figures.get("total", 0),
        "by_status": {s: figures.get(f"status:{s}", 0) for s in STATUSES},
        "by_category": by_prefix("category:"),
        "received_by_month": dict(sorted(by_prefix("received:").items())),
        "closed_by_month": dict(sorted(by_prefix("closed:").items())),
        "ratings": ratings,
        "on_time_rate": _rate(on_time, on_time + late),
        "satisfaction_rate": _rate(happy, rated),
        "avg_first_response_minutes": (figures.get("first_response:minutes", 0) // responses
                                       if responses else None),
    }
