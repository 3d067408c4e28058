"""Nightly: recount every region's and deputy's figures from the cases themselves.

Counters move after each case write, best effort; this repairs any drift. It reads a
region's cases through the region index (a query, never a scan) and replaces the
counter items whole, then refreshes each region's dashboard rollup (ranking, words).
"""
import logging
import sys
from collections import Counter, defaultdict
from datetime import datetime

from functions import dashboard_rollups
from functions.counters import contribution
from functions.scheduled import lambda_handler, main
from functions.storage import keys
from functions.storage.case_repository import from_item
from functions.storage.low_level import get_numbers, put_numbers
from functions.storage.models import CaseItem, RegionItem

log = logging.getLogger(__name__)
# A region is recounted only while this much of the function's time is left: one region's
# recount and rollup must fit in it (the rest waits for the next night).
RESERVE = 120.0


def recount_region(region_id: str) -> dict:
    """Recount one region; the number of counter items that were wrong."""
    totals: dict[str, Counter] = defaultdict(Counter)
    cases = 0
    for item in CaseItem.by_gsi6.query(keys.region_cases_key(region_id)):
        cases += 1
        for scope, numbers in contribution(from_item(item)).items():
            totals[scope].update(numbers)
    repaired = 0
    for scope, numbers in totals.items():
        wanted = {k: v for k, v in numbers.items() if v}
        pk = keys.counter_pk(scope)
        if {k: v for k, v in get_numbers(pk).items() if v} != wanted:
            put_numbers(pk, wanted)
            repaired += 1
    return {"cases": cases, "scopes": len(totals), "repaired": repaired}


def run(*, now: datetime, budget=None) -> dict:
    """Recount every region, then refresh its dashboard rollup, while `budget` allows."""
    result = {}
    for region in RegionItem.by_gsi1.query(keys.ALL_REGIONS):
        if budget is not None and not budget.can_claim():
            result["left_for_next_run"] = {"next_region": region.region_id, **budget.report()}
            break
        result[region.region_id] = recount_region(region.region_id)
        try:
            dashboard_rollups.refresh_region(region.region_id, now=now)
        except Exception:  # one region's failed rollup must not stop the others
            log.exception("dashboard rollup failed for region %s", region.region_id)
    return result


handler = lambda_handler(run, reserve=RESERVE)

if __name__ == "__main__":
    sys.exit(main(run))
