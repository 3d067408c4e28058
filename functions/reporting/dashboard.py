"""Region figures from the dashboard rollup: one GetItem whatever the number of cases
and deputies, the figures as summed after the latest moves (about two minutes behind,
functions.reporting.ranking_refresh) and said as of when (`figures_at`)."""
from functions.cases.states import STATUSES
from functions.identity.access import require_staff
from functions.reporting import counters, rollups
from functions.shared.clock import iso, now as clock_now


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def summed(region_id: str, rollup: dict | None) -> tuple[dict[str, int], str]:
    """(the region's figures, as of when) from its rollup; summed live (and so as of now)
    only while the rollup has none yet (a new region, the first deploy)."""
    data = (rollup or {}).get("data") or {}
    if "figures" in data and data.get("figures_at"):
        return data["figures"], data["figures_at"]
    return counters.region_figures(region_id), iso(clock_now())


def stats(*, actor: dict, rollup: dict | None = None) -> dict:
    """The region's counted figures; `rollup` if the caller has read it already."""
    actor = require_staff(actor, "admin", "office")
    if rollup is None:
        rollup = rollups.read(actor["region_id"])
    figures, figures_at = summed(actor["region_id"], rollup)
    by_prefix = lambda p: {k[len(p):]: v for k, v in figures.items() if k.startswith(p)}  # noqa: E731
    on_time, late = figures.get("answered:on_time", 0), figures.get("answered:late", 0)
    ratings = by_prefix("rating:")
    rated = sum(ratings.get(r, 0) for r in ("satisfied", "basically_satisfied", "unsatisfied"))
    happy = ratings.get("satisfied", 0) + ratings.get("basically_satisfied", 0)
    responses = figures.get("first_response:count", 0)
    return {
        "region_id": actor["region_id"],
        "figures_at": figures_at,
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
