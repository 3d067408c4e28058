"""Recompute a region's deputy ranking, figures and frequent words into its dashboard rollup.

The nightly reconcile calls `refresh_region(region_id, now=...)` for each region; the
dashboard's 刷新 button and a region's first visit call it too. It reads the region's
deputies and at most `word_stats.RECENT_CASES` newest cases, so its cost stays flat as the
case count grows.
"""
from datetime import datetime

from functions.reporting import deputy_ranking, refresh_mark, rollups, word_stats
from functions.shared.clock import iso
from functions.storage import keys
from functions.storage.low_level import mark_stale


def refresh_region(region_id: str, *, now: datetime) -> dict:
    """Recompute and store the region's rollup; the data written."""
    texts = word_stats.recent_texts(region_id)
    ranking, figures = deputy_ranking.ranking_and_figures(region_id)
    data = {"ranking": ranking, "figures": figures, "figures_at": iso(now),
            "words": word_stats.top_words(texts), "cases_read": len(texts)}
    # Its figures only over ones no newer: a drain's stamped after `now` stay
    # (rollups.write_nightly). One that summed a newer move but is stamped no later
    # (it began before `now`) may still lose them here: the region is marked so that
    # the drain sums it again a minute later.
    rollups.write_nightly(region_id, data, iso(now))
    mark_stale(keys.counter_pk(f"REGION#{region_id}"), refresh_mark.mark(region_id, now))
    return data
