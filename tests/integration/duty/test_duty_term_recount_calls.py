"""The recount after a term start moved costs the same store calls per deputy at 10 and at
100 deputies: it reads the region's deputies by their index, then each deputy's own
items (no Scan), and writes only the tallies that differ."""
from collections import Counter
from datetime import timedelta

import pytest

from functions.deputies import register_deputy
from functions.duty import repository, term_recount
from functions.storage import keys
from functions.storage.low_level import raw_items
from tests.integration.duty_fixtures import NOW, fixed_clock  # noqa: F401
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
SIZES = (10, 100)


def region_of(size: int) -> str:
    """A region of `size` deputies, each with one verified record of March 2026 that no
    tally counts yet; its term start moved to 2026-01-01 and marked for the recount."""
    region_id = f"grow{size}"
    for n in range(size):
        deputy = register_deputy(name=f"代表{n}", phone=f"1390{size:03d}{n:04d}",
                                 region_id=region_id, level="county")
        repository.create({
            "id": f"r{region_id}x{n}", "deputy_id": deputy["id"], "region_id": region_id,
            "deputy_name": deputy["name"], "kind": "meeting", "title": "出席会议",
            "date": "2026-03-01", "source": "office", "status": "verified", "points": 2,
            "created_at": "2026-06-14T02:00:00Z", "decided_at": "2026-06-14T02:00:00Z"})
    repository.save_rules(region_id, points={}, term_start="2026-01-01", at="2026-06-15")
    term_recount.mark(region_id, NOW)
    return region_id


def recount_calls(region_id: str, now) -> tuple[Counter, bool]:
    """The store calls of one run of the region's recount, by operation; and whether it
    finished."""
    pk = keys.counter_pk(f"REGION#{region_id}")
    marked = raw_items([pk])[pk]
    with StoreCallCounter() as counter:
        done = term_recount.run(region_id, marked, now=now)
        calls = counter.take()
    return Counter(f"{c.operation} {c.key}" for c in calls), done


def test_the_recount_reads_each_deputys_own_items_the_same_at_every_size(seeded):
    later = NOW + timedelta(minutes=1)
    first, again = {}, {}
    for size in SIZES:
        region_id = region_of(size)
        first[size], done = recount_calls(region_id, later)
        assert done
        term_recount.mark(region_id, later)
        again[size], _ = recount_calls(region_id, later)
    for size in SIZES:
        print(f"{size} deputies: first run {sum(first[size].values())} calls "
              f"{dict(first[size])}; again {sum(again[size].values())} calls")
    for size in SIZES:
        assert not any(op.startswith("Scan") for op in first[size])
        # the rules, one page of the deputies' index, the mark's removal
        assert first[size]["GetItem DUTYRULES"] == 1 and first[size]["Query REGION"] == 1
        assert first[size]["UpdateItem COUNTERS"] == 1
        # per deputy: its tallies (one batch), its records, its cases (Query DEPUTY#); the
        # year's and the term's tally written the first time, nothing the second
        assert first[size]["BatchGetItem DUTYTALLY"] == size
        assert first[size]["Query DUTY"] == first[size]["Query DEPUTY"] == size
        assert first[size]["PutItem DUTYTALLY"] == 2 * size
        assert sum(again[size].values()) == 3 + 3 * size
