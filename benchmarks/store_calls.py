"""Store calls and consumed capacity per API endpoint and scheduled function.

`python -m benchmarks.store_calls`: every endpoint of api-contract.md once, on a fresh
dynalite, counted with botocore event hooks. `request` is what the request itself needs;
`after write` is what follows a case write in the same request (counters, immediate
notification delivery). The rules (no Scan; a mini-program request needs at most
MAX_MINI_CALLS) are checked by tests/integration/storage/test_store_calls.py.
"""
import sys

from benchmarks.endpoint_tour import scheduled_tour, tour
from benchmarks.harness import local_store, print_table, seed, write_json
from tests.store_call_counter import StoreCallCounter

MAX_MINI_CALLS = 3


def measure() -> list[dict]:
    with local_store() as (settings, _):
        seeded = seed()
        from miniprogram_api import create_app
        client = create_app(settings).test_client()
        counter = StoreCallCounter().install()
        try:
            return tour(client, seeded, counter) + scheduled_tour(counter)
        finally:
            counter.uninstall()


def main() -> int:
    rows = measure()
    table = []
    for row in rows:
        req, after = row["request"], row["after_write"]
        table.append([row["endpoint"], row["audience"], req["calls"], req["capacity"],
                      after["calls"], after["capacity"], row["scans"],
                      ", ".join(sorted(set(req["ops"])))])
    print_table("Store calls per request (capacity in consumed units)",
                ["endpoint", "who", "calls", "cap", "after write", "cap", "scans",
                 "request ops"], table)
    over = [r["endpoint"] for r in rows
            if r["audience"] == "mini" and r["request"]["calls"] > MAX_MINI_CALLS]
    scans = [r["endpoint"] for r in rows if r["scans"]]
    print(f"\nmini-program endpoints over {MAX_MINI_CALLS} calls: {over or 'none'}; "
          f"scans: {scans or 'none'}")
    write_json("store_calls", {"max_mini_calls": MAX_MINI_CALLS, "rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
