"""The duty ranking of a region's year: one Query per page, whatever the number of deputies.

Tallies sit in the region's ranking partition (and one per level, group and station)
under a score key; a page reads the next `limit` highest. Two filters at once read the
partition of the more selective one and filter it (a page may then read further).
Equal points share a rank (1, 1, 3): the cursor carries how many came before and the
last rank given.
"""
from datetime import datetime

from functions.shared import pagination
from functions.shared.errors import ValidationFailed
from functions.org.regions import cached_region
from . import repository, rules, tally_store


def page(*, actor, region_id, year, level=None, group=None, station=None, limit=None,
         cursor=None, now: datetime) -> dict:
    region_id = region_id or (actor or {}).get("region_id")
    if not region_id:
        raise ValidationFailed("which region?", {"region_id": "required"})
    cached_region(region_id)  # 404 for a region that does not exist
    problem = None if year == "term" else rules.year_problem(year)
    if problem:
        raise ValidationFailed("invalid year", {"year": problem + " or term"})
    year = year or str(rules.local_day(now).year)
    # The current term's ranking lives beside the years', under the term's start.
    period = rules.term_key(repository.region_rules(region_id)["term_start"]) \
        if year == "term" else year
    filters = {k: v for k, v in {"level": level, "group": group, "station": station}.items()
               if v}
    for name, value in filters.items():
        if not isinstance(value, str) or len(value) > 40:
            raise ValidationFailed("invalid filter", {name: "at most 40 characters"})
    # The most selective filter picks the index partition; the others filter its items.
    field = next((f for f in ("group", "station", "level") if f in filters), None)
    value = filters.get(field)
    also = {k: v for k, v in filters.items() if k != field}
    size = pagination.parse_limit(limit)
    scope = f"duty-ranking:{region_id}:{year}:{sorted(filters.items())}"
    state = pagination.decode_cursor(cursor, scope) or {}
    items, last_key = tally_store.ranking_query(region_id, period, field, value, limit=size,
                                                start_key=state.get("key"), also=also)
    ranks, rank_state = rules.assign_ranks([int(i.points or 0) for i in items],
                                           state.get("ranks"))
    rows = [_row(item, rank) for item, rank in zip(items, ranks)]
    next_cursor = pagination.encode_cursor({"key": last_key, "ranks": rank_state}, scope) \
        if last_key else None
    return {"region_id": region_id, "year": year, "items": rows, "next_cursor": next_cursor}


def _row(item, rank: int) -> dict:
    counts = tally_store.view(item)["by_kind"]
    return {"deputy": {"id": item.deputy_id, "name": item.name, "level": item.level,
                       "group": item.group, "station": item.station},
            "points": int(item.points or 0), "counts": counts, "rank": rank}
