"""Growth: what the reminder sweep, the inbox, the dashboard, the public list and the
office's list of all cases (unfiltered, and with three filters) cost
as a region fills up (default 1k, 10k and 50k cases): store calls, read capacity, time.

`python -m benchmarks.growth [--sizes 1000,10000,50000] [--due 20]`. Each size adds
`--due` cases whose deadline has passed, so the sweep always has the same work; those
six should stay flat. Each size's sweep runs at its own moment, an hour and a minute
after the previous one and after the outbox drain, as the 15-minute sweep and the
one-minute drain do in production: run all at one instant, the phones' SMS queues of
that hour (one item per phone, read by each delivery) kept every notice of the earlier
sizes and their reads grew with the number of sizes, not with what was due. Everything
runs on a fixed working day, whatever today is. The nightly reconcile reads the whole
region and is shown for contrast: it grows with the cases, as it must.
"""
import argparse
import statistics
import sys
import time

from benchmarks.growth_fill import fill, make_due, templates
from benchmarks.harness import local_store, print_table, seed, write_json
from datetime import datetime, timedelta, timezone

from functions.shared import clock
from functions.notifications import drain as notify
from functions.reporting import dashboard_rollups, recount as reconcile
from functions.cases import sweep as reminders
from tests.case_fixtures import Caller, Cast
from tests.store_call_counter import StoreCallCounter

READS = {"GetItem", "Query", "BatchGetItem", "Scan"}
FLAT = ("reminder sweep", "inbox first page", "dashboard", "public list first page",
        "all cases first page", "all cases, three filters")
MAX_CAPACITY_GROWTH = 1.5  # "flat": the same calls, and read capacity within this factor
SWEEP_INTERVAL = timedelta(hours=1, minutes=1)  # past the SMS digest window of the last one
# Every size on one fixed working day (Wednesday, 11:00 Beijing time): the real date
# would move the due cases' daily overdue flags into a run whenever it crossed 09:00.
START = datetime(2026, 6, 3, 3, 0, tzinfo=timezone.utc)


def timed(counter: StoreCallCounter, action, repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        counter.take()
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
        calls = counter.take()
    reads = [c for c in calls if c.operation in READS]
    own = [c for c in calls if c.phase == "request"]
    return {"calls": len(own), "after_write_calls": len(calls) - len(own), "reads": len(reads),
            "read_capacity": round(sum(c.capacity for c in reads), 1),
            "ms": round(statistics.median(times) * 1000, 1)}


def measure(sizes: list[int], due: int = 20, progress=print) -> dict:
    clock.set_now(START)  # the templates walked through the API too
    try:
        return _measure(sizes, due, progress)
    finally:
        clock.set_now(None)


def _measure(sizes: list[int], due: int, progress) -> dict:
    with local_store() as (settings, _):
        seeded = seed()
        from miniprogram_api import create_app
        client = create_app(settings).test_client()
        cast = Cast(Caller(client), seeded)
        made, deputy, office = templates(cast), cast.deputy(0), cast.office
        anonymous, start = Caller(client), START
        sweeps = []  # what each sweep read and acted on
        steps = {
            "reminder sweep": (lambda: sweeps.append(reminders.run(now=now)), 1),
            "inbox first page": (lambda: deputy.ok("GET", "/api/v1/deputy/inbox?limit=20"), 5),
            "dashboard": (lambda: office.ok("GET", "/api/v1/staff/stats"), 5),
            "public list first page": (lambda: anonymous.ok(
                "GET", "/api/v1/public/cases?region_id=demo&limit=20"), 5),
            "all cases first page": (lambda: office.ok("GET", "/api/v1/staff/cases?limit=20"), 5),
            # the deputy's index, a quarter of it matching: one Query of at most 20 + 50 items
            "all cases, three filters": (lambda: office.ok(
                "GET", f"/api/v1/staff/cases?limit=20&status=replied&category=agriculture"
                f"&deputy_id={cast.deputy_id(0)}"), 5),
            "reconcile (whole region)": (lambda: reconcile.run(now=now), 1),
        }
        rows, fill_seconds, filled = [], {}, 0
        with StoreCallCounter() as counter:
            for tag, size in enumerate(sizes):
                now = start + tag * SWEEP_INTERVAL
                clock.set_now(now)
                fill_seconds[size] = round(fill(made, filled, size, start), 1)
                filled = size
                make_due(made, tag, due, now)
                notify.run(now=now)  # the minute's drain, before the sweep, as scheduled
                # the dashboard's figures as the drain's refresh leaves them a minute after
                # the fill's moves (the same sum; the nightly rollup's words come along)
                dashboard_rollups.refresh_region("demo", now=now)
                counter.take()
                progress(f"{size} cases written in {fill_seconds[size]} s (cumulative fill)")
                for name, (action, repeat) in steps.items():
                    rows.append({"operation": name, "size": size,
                                 **timed(counter, action, repeat)})
    return {"sizes": sizes, "due_per_size": due, "fill_seconds": fill_seconds, "rows": rows,
            "sweeps": sweeps, "flat": flatness(rows)}


def flatness(rows: list[dict]) -> dict:
    """For each operation that should stay flat: does it?"""
    verdict = {}
    for name in FLAT:
        mine = [r for r in rows if r["operation"] == name]
        capacities = [r["read_capacity"] for r in mine]
        verdict[name] = len({r["calls"] for r in mine}) == 1 and \
            max(capacities) <= MAX_CAPACITY_GROWTH * max(min(capacities), 0.5)
    return verdict


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--due", type=int, default=20)
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    result = measure(sizes, args.due)
    table = []
    for name in dict.fromkeys(r["operation"] for r in result["rows"]):
        cells = [name]
        for size in sizes:
            row = next(r for r in result["rows"] if r["operation"] == name and r["size"] == size)
            after = f"+{row['after_write_calls']}" if row["after_write_calls"] else ""
            cells += [f"{row['calls']}{after}", row["read_capacity"], row["ms"]]
        table.append(cells + [{True: "yes", False: "NO"}.get(result["flat"].get(name), "-")])
    columns = ["operation"] + [f"{h} @{s}" for s in sizes for h in ("calls", "RCU", "ms")]
    print_table(f"Growth ({args.due} due cases added per size; calls = own+after write; "
                "RCU = read capacity of all reads)",
                columns + ["flat"], table)
    write_json("growth", result)
    return 0 if all(result["flat"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
