"""Everything the 数据驾驶舱 shows, from one rollup item and the region's suggestion
counter item (functions/suggestions/statistics.py).

The rollup holds the counted figures and the deputy ranking (refreshed about two minutes
after moves) and the frequent words (nightly); `dashboard.stats` shapes the figures, this
adds percentages, category names, the ranking and the words. A region without a rollup
yet gets one computed now, a bounded job, so the first visit is not empty.
"""
from datetime import datetime

from functions.reporting import dashboard, rollups
from functions.identity.access import require_staff
from functions.org.regions import cached_region, categories_of
from functions.shared.clock import iso
from functions.shared.moments import local_time


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def figures(*, actor: dict, now: datetime) -> dict:
    actor = require_staff(actor, "admin", "office")
    rollup = rollups.read(actor["region_id"])
    if rollup is None or rollup["refreshed_at"] is None:  # words never counted yet
        from functions.reporting.dashboard_rollups import refresh_region
        refresh_region(actor["region_id"], now=now)
        rollup = rollups.read(actor["region_id"])
    stats = dashboard.stats(actor=actor, rollup=rollup)
    names = {c["id"]: c["name"] for c in categories_of(cached_region(actor["region_id"]))}
    total = stats["total"]
    by_status = [{"status": s, "count": n, "percent": _share(n, total)}
                 for s, n in stats["by_status"].items()]
    by_category = sorted(({"category": c, "name": names.get(c, c), "count": n,
                           "percent": _share(n, total)}
                          for c, n in stats["by_category"].items() if n),
                         key=lambda row: -row["count"])
    months = sorted(set(stats["received_by_month"]) | set(stats["closed_by_month"]))[-12:]
    monthly = [{"month": m, "received": stats["received_by_month"].get(m, 0),
                "closed": stats["closed_by_month"].get(m, 0)} for m in months]
    data = rollup["data"]
    from functions.suggestions.statistics import region_figures
    return {**stats, "status_rows": by_status, "category_rows": by_category,
            "monthly": monthly, "suggestions": region_figures(actor["region_id"]),
            "ranking": data.get("ranking") or {},
            "words": data.get("words") or [], "rollup_at": rollup["refreshed_at"],
            "ranking_at": rollup["ranking_at"],
            "figures_at_shown": shown_time(stats["figures_at"], now)}


def shown_time(stamp: str, now: datetime) -> str:
    """Beijing "HH:MM" for a time of today (Beijing's), else with its date."""
    when, today = local_time(stamp), local_time(iso(now))
    return when[11:] if when[:10] == today[:10] else when


def refresh(*, actor: dict, now: datetime) -> None:
    """Recompute the rollup on demand (the office's 刷新 button)."""
    from functions.reporting.dashboard_rollups import refresh_region
    actor = require_staff(actor, "admin", "office")
    refresh_region(actor["region_id"], now=now)
