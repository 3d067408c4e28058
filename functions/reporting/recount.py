"""Nightly: recount every region's and deputy's figures from the cases themselves.

Counters move after each case write, best effort; this repairs any drift. It reads a
region's cases through the region index (a query, never a scan) and replaces the
counter items whole, then refreshes each region's dashboard rollup (ranking, words).
"""
import logging
import sys
from collections import Counter, defaultdict
from datetime import datetime

from functions.reporting import dashboard_rollups
from functions.reporting.counters import contribution
from functions.shared.scheduled import lambda_handler, main
from functions.cases import repository as case_repository
from functions.org import regions
from functions.storage import keys
from functions.storage.low_level import get_numbers, put_numbers

log = logging.getLogger(__name__)


def recount_region(region_id: str) -> dict:
    """Recount one region; the number of counter items that were wrong."""
    totals: dict[str, Counter] = defaultdict(Counter)
    cases = 0
    for case in case_repository.region_cases(region_id):
        cases += 1
        for scope, numbers in contribution(case).items():
            totals[scope].update(numbers)
    repaired = 0
    for scope, numbers in totals.items():
        wanted = {k: v for k, v in numbers.items() if v}
        pk = keys.counter_pk(scope)
        if {k: v for k, v in get_numbers(pk).items() if v} != wanted:
            put_numbers(pk, wanted)
            repaired += 1
    return {"cases": cases, "scopes": len(totals), "repaired": repaired}


def run(*, now: datetime) -> dict:
    """Recount every region, then refresh its dashboard rollup."""
    result = {}
    for region_id in regions.all_region_ids():
        result[region_id] = recount_region(region_id)
        try:
            dashboard_rollups.refresh_region(region_id, now=now)
        except Exception:  # one region's failed rollup must not stop the others
            log.exception("dashboard rollup failed for region %s", region_id)
    return result


handler = lambda_handler(run)

if __name__ == "__main__":
    sys.exit(main(run))
