"""Duty growth: the ranking, an archive and the review queue as a region fills up
(default 100 deputies / 1k records, then 10k deputies / 100k records): store calls,
read capacity, time. Each should stay flat; the nightly recount of one deputy too
(it reads that deputy's own items only).

`python -m benchmarks.duty_growth [--sizes 100:1000,10000:100000]`. Records and tallies
are written straight through the duty repository's item mapping with PynamoDB's batch
writer in a few threads (as growth_fill.py does for cases); the measured requests go
through the API.
"""
import argparse
import sys
import threading
import time

from benchmarks.growth import flatness as _flatness, timed
from benchmarks.harness import local_store, print_table, seed, write_json
from functions.shared import clock
from functions.duty import recount, repository, rules
from functions.duty.models import DutyRecordItem, DutyTallyItem, ranking_key, tally_pk
from functions.storage.models import DeputyItem
from tests.case_fixtures import Caller, Cast
from tests.store_call_counter import StoreCallCounter

FLAT = ("ranking first page", "ranking page 3", "ranking by group", "archive",
        "review queue", "recount one deputy")
WRITERS = 4
GROUPS = 4  # a page of 20 fills from 100 deputies on


def _tally(n: int, year: str) -> DutyTallyItem:
    deputy_id, group = f"dg{n:06d}", f"第{n % GROUPS}代表小组"
    points = (n * 7919) % 400  # many ties, spread like a real county's
    item = DutyTallyItem(pk=tally_pk(deputy_id), sk=year, deputy_id=deputy_id,
                         region_id="demo", year=year, name=f"代表{n}", level="county",
                         group=group, points=points, count_meeting=points // 2)
    score = rules.score_key(points, deputy_id)
    item.gsi1pk, item.gsi1sk = ranking_key("demo", year), score
    item.gsi2pk, item.gsi2sk = ranking_key("demo", year, "L", "county"), score
    item.gsi3pk, item.gsi3sk = ranking_key("demo", year, "G", group), score
    return item


def _record(n: int, deputies: int, now_iso: str, year: str) -> DutyRecordItem:
    record = {"id": f"rg{n:07d}", "deputy_id": f"dg{n % deputies:06d}", "region_id": "demo",
              "deputy_name": f"代表{n % deputies}", "kind": rules.KINDS[n % 5],
              "title": f"第{n}次履职", "date": f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}",
              "source": "office", "status": "pending" if n % 20 == 0 else "verified",
              "points": 2, "created_at": now_iso, "created_by": "bench"}
    return repository._to_item(record)


def _write(make, start: int, stop: int) -> None:
    def worker(numbers):
        with DutyRecordItem.batch_write() as batch:
            for n in numbers:
                batch.save(make(n))
    numbers = list(range(start, stop))
    threads = [threading.Thread(target=worker, args=(numbers[i::WRITERS],))
               for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def measure(sizes: list[tuple[int, int]], progress=print) -> dict:
    with local_store() as (settings, _):
        seeded = seed()
        from miniprogram_api import create_app
        client = create_app(settings).test_client()
        cast = Cast(Caller(client), seeded)
        now = clock.now()
        year, now_iso = str(rules.local_day(now).year), clock.iso(now)
        anyone, office = Caller(client), cast.office
        real = DeputyItem.get(f"DEPUTY#{cast.deputy_id()}", "META")
        ranking = f"/api/v1/duty/ranking?region_id=demo&year={year}&limit=20"

        def third_page():
            cursor = None
            for _ in range(3):
                page = anyone.ok("GET", ranking + (f"&cursor={cursor}" if cursor else ""))
                cursor = page["next_cursor"]
        steps = {
            "ranking first page": (lambda: anyone.ok("GET", ranking), 5),
            "ranking page 3": (third_page, 3),
            "ranking by group": (lambda: anyone.ok("GET", ranking + "&group=第3代表小组"), 5),
            "archive": (lambda: anyone.ok(
                "GET", f"/api/v1/deputies/{cast.deputy_id()}/archive?year={year}"), 5),
            "review queue": (lambda: office.ok("GET", "/api/v1/staff/duty-records?limit=20"), 5),
            "recount one deputy": (lambda: recount.recount_deputy(real, now=now), 1),
        }
        recount.recount_deputy(real, now=now)  # its tally exists: later runs only read
        rows, filled_deputies, filled_records, fill_seconds = [], 0, 0, {}
        with StoreCallCounter() as counter:
            for deputies, records in sizes:
                began = time.perf_counter()
                _write(lambda n: _tally(n, year), filled_deputies, deputies)
                _write(lambda n: _record(n, deputies, now_iso, year), filled_records, records)
                filled_deputies, filled_records = deputies, records
                label = f"{deputies}:{records}"
                fill_seconds[label] = round(time.perf_counter() - began, 1)
                progress(f"{deputies} deputies, {records} records in {fill_seconds[label]} s")
                first = anyone.ok("GET", ranking)["items"]
                assert len(first) == 20 and first[0]["points"] >= first[-1]["points"], first
                for name, (action, repeat) in steps.items():
                    rows.append({"operation": name, "size": label,
                                 **timed(counter, action, repeat)})
    return {"sizes": [f"{d}:{r}" for d, r in sizes], "fill_seconds": fill_seconds,
            "rows": rows, "flat": flatness(rows)}


def flatness(rows: list[dict]) -> dict:
    import benchmarks.growth as growth
    saved, growth.FLAT = growth.FLAT, FLAT
    try:
        return _flatness(rows)
    finally:
        growth.FLAT = saved


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100:1000,10000:100000",
                        help="deputies:records pairs, comma-separated, growing")
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",")]
    result = measure(sizes)
    table = []
    for name in FLAT:
        cells = [name]
        for size in result["sizes"]:
            row = next(r for r in result["rows"] if r["operation"] == name and r["size"] == size)
            cells += [row["calls"], row["read_capacity"], row["ms"]]
        table.append(cells + ["yes" if result["flat"][name] else "NO"])
    columns = ["operation"] + [f"{h} @{s}" for s in result["sizes"]
                               for h in ("calls", "RCU", "ms")]
    print_table("Duty growth (deputies:records; calls = the request's own store calls)",
                columns + ["flat"], table)
    write_json("duty_growth", result)
    return 0 if all(result["flat"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
