"""Nightly: recount every region's and deputy's figures from the cases themselves.

Counters move after each case write, best effort; this repairs any drift (a crash
between a case write and its counter update). A region is read through its case index
(a query, never a scan) in bounded pages; after each page the position and the partial
sums are kept in the region's recount item, so a run that nears its time budget stops
and the next one resumes. The repair never overwrites: every counter update counts
itself in a `moves` marker, the recount notes the markers before it starts, and adds the
difference only where no update came meanwhile (one conditional UpdateItem per scope);
a scope that moved is left as the writes kept it and recounted the next night. Scopes
that have no cases left (a deputy whose cases all went) are set back to zero,
co-units' queue links an after-write missed are put back, and cases written before the
office's filter indexes (status, category, unit, deputy) or before list summaries
(functions/cases/summary.py) are written back with them. It also brings deputies written
by older code up to date (pinyin order, filter indexes, identity guards:
functions/deputies/reindex.py), repairs the duty tallies and the suggestion figures
(functions/suggestions/recount.py), then refreshes each region's dashboard rollup
(ranking, words).
"""
import logging
import sys
from collections import Counter
from datetime import datetime

from functions import deputies
from functions.cases import link_repair
from functions.cases import repository as case_repository
from functions.cases.filter_index import filter_index_attributes
from functions.cases import rows as case_rows
from functions.deputies import reindex as deputy_reindex
from functions.duty import recount as duty_recount
from functions.org import regions
from functions.reporting import dashboard_rollups
from functions.reporting.counters import home_attributes, item_numbers
from functions.reporting.recount_state import RecountState, load_state, save_state
from functions.shared.clock import iso
from functions.shared.errors import Conflict
from functions.shared.scheduled import lambda_handler, main
from functions.storage import keys
from functions.storage.low_level import MOVES, add_numbers, get_numbers, moves_of
from functions.suggestions import recount as suggestion_recount

log = logging.getLogger(__name__)
PAGE = 500  # cases read per query page
PART = 150  # numbers repaired per write
MARGIN_SECONDS = 20.0  # stop starting pages when less than this is left
# A region is started only while this much of the function's time is left (its pages
# then stop at MARGIN_SECONDS and the next run resumes where it stopped).
RESERVE = 30.0


def recount_region(region_id: str, *, now: datetime, time_left=None, page=PAGE) -> dict:
    """Recount one region as far as the time allows; what happened."""
    state = load_state(region_id) or _start(region_id, now)
    while not state.finished:
        if time_left and time_left() < MARGIN_SECONDS:
            return {"status": "paused", "cases": state.cases}
        items, cursor = case_repository.region_items_page(region_id, limit=page,
                                                          start=state.cursor)
        totals = {scope: Counter(numbers) for scope, numbers in state.totals.items()}
        cases = []
        for item in items:
            case = case_repository.from_item(item)
            if _behind(item, case):
                case = _write_back(case)
            cases.append(case)
            state.cases += 1
            for scope, numbers in item_numbers(case).items():
                totals.setdefault(scope, Counter()).update(numbers)
        link_repair.heal(cases)  # a link an after-write missed comes back (one batch read)
        state.totals = {scope: dict(numbers) for scope, numbers in totals.items()}
        state.cursor = cursor
        state.finished = state.cursor is None
        if not state.finished and not save_state(state):
            return {"status": "busy", "cases": state.cases}  # another run has this region
    repaired, moved = _repair(state)
    save_state(state, finished=True)  # the next recount starts afresh
    return {"status": "done", "cases": state.cases,
            "scopes": len(set(state.moves) | set(state.totals)), "repaired": repaired,
            "moved_meanwhile": moved}


def _behind(item, case: dict) -> bool:
    """Was `item` written before its list summary or the office's filter indexes existed?"""
    return case_rows.is_stale(item, case) or any(
        getattr(item, attr) != value for attr, value in filter_index_attributes(case).items())


def _write_back(case: dict) -> dict:
    """Write a case from older code back with its summary and filter index entries (under
    its version: a case changed meanwhile already carries both); the case as stored."""
    try:
        return case_repository.save(case)
    except Conflict:  # a move wrote it meanwhile, and the summary and entries with it
        log.info("case %s changed meanwhile: its own write brought it up to date", case["id"])
        return case


def _start(region_id: str, now: datetime) -> RecountState:
    """A new recount: every scope it may repair, with its marker as of now."""
    scopes = [f"REGION#{region_id}"] + [
        f"DEPUTY#{d.deputy_id}" for d in deputies.region_deputy_items(region_id)]
    markers = moves_of([keys.counter_pk(scope) for scope in scopes])
    return RecountState(region_id=region_id, started_at=iso(now), cases=0, totals={},
                        moves={scope: markers[keys.counter_pk(scope)] for scope in scopes})


def _repair(state: RecountState) -> tuple[int, list[str]]:
    """Add the differences where nothing moved since the start; (repaired, moved)."""
    repaired, moved = 0, []
    for scope in sorted(set(state.moves) | set(state.totals)):
        pk = keys.counter_pk(scope)
        current = get_numbers(pk, consistent=True)
        marker = current.pop(MOVES, 0)
        # A scope first seen while counting (a case of a deputy added meanwhile) is
        # checked against its marker now: its repair still lands only if nothing moves.
        if marker != state.moves.get(scope, marker):
            moved.append(scope)
            continue
        wanted = state.totals.get(scope) or {}
        deltas = {k: wanted.get(k, 0) - current.get(k, 0) for k in set(wanted) | set(current)}
        deltas = {k: v for k, v in deltas.items() if v}
        if not deltas:
            continue
        if _add_in_parts(pk, deltas, marker, home_attributes(scope, state.region_id)):
            repaired += 1
        else:
            moved.append(scope)
    return repaired, moved


def _add_in_parts(pk: str, deltas: dict, marker: int, home: dict | None) -> bool:
    """The repair in writes of at most PART numbers (an expression is at most 4 KB), each
    conditioned on the marker; a move between two parts stops the rest (each number's
    repair stands alone: what landed is right, the rest is recounted the next night)."""
    names = sorted(deltas)
    for start in range(0, len(names), PART):
        part = {name: deltas[name] for name in names[start:start + PART]}
        if not add_numbers(pk, part, moves_were=marker, sets=home):
            return False
    return True


def run(*, now: datetime, budget=None) -> dict:
    """Recount every region (resuming where the last run stopped), then refresh its
    dashboard rollup, while `budget` (the function's time left, if known) allows."""
    result = {}
    time_left = budget.left if budget is not None else None
    for region_id in regions.all_region_ids():
        if budget is not None and not budget.can_claim():
            result["left_for_next_run"] = {"next_region": region_id, **budget.report()}
            break
        result[region_id] = recount_region(region_id, now=now, time_left=time_left)
        if result[region_id]["status"] != "done":
            continue
        result[region_id]["deputies_reindexed"] = deputy_reindex.reindex_region(region_id)
        result[region_id]["duty"] = duty_recount.recount_region(region_id, now=now)
        result[region_id]["suggestions"] = suggestion_recount.recount_region(
            region_id, now=now, time_left=time_left)
        try:
            dashboard_rollups.refresh_region(region_id, now=now)
        except Exception:  # one region's failed rollup must not stop the others
            log.exception("dashboard rollup failed for region %s", region_id)
    return result


handler = lambda_handler(run, reserve=RESERVE)

if __name__ == "__main__":
    sys.exit(main(run))
