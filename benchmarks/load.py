"""Load: simulated citizens and deputies against the app on loopback, per server set-up.

`python -m benchmarks.load [--people 200] [--deputies 30] [--requests 10000]
[--servers waitress:8,gunicorn]`: for each server in turn (its own fresh store), throughput,
p50/p95/p99 latency per endpoint, errors (must be 0) and duplicate cases (must be 0: every
acknowledged Idempotency-Key is exactly one stored case); then each throughput as a ratio
to the first server's, measured in the same run. A server is `waitress:THREADS` (one
process, how `make run` served before) or `gunicorn[:WORKERSxTHREADS]` (default: one
worker per core, as `make run` serves now; THREADS 1 is gunicorn's sync worker).
"""
import argparse
import sys
import threading
import time

import requests
from tqdm import tqdm

from benchmarks.harness import free_port, local_store, print_table, seed, write_json
from benchmarks.load_people import Citizen, Deputy, Ledger
from benchmarks.serve import settings_env, start_server, stop_server
from infra.wsgi_server import THREADS_PER_WORKER


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def cast(base: str, ledger: Ledger, people: int, deputies: int):
    """Log everyone in (unmeasured): `deputies` newly registered and bound, the rest citizens."""
    from functions.deputies import register_deputy
    entry_codes, crowd = [], []
    for n in range(deputies):
        made = register_deputy(name=f"代表{n:03d}", phone=f"139{n:08d}", region_id="demo",
                               level="county")
        login = requests.post(f"{base}/api/v1/auth/wechat", json={"code": f"load-d{n}"}).json()
        bound = requests.post(f"{base}/api/v1/deputy/bind", json={"bind_code": made["bind_code"]},
                              headers={"Authorization": f"Bearer {login['token']}"}).json()
        entry_codes.append(made["entry_code"])
        crowd.append(Deputy(base, bound["token"], bound["user"]["id"], ledger, seed=n))
    for n in range(people - deputies):
        login = requests.post(f"{base}/api/v1/auth/wechat", json={"code": f"load-c{n}"}).json()
        crowd.append(Citizen(base, login["token"], login["user"]["id"], ledger, seed=1000 + n,
                             entry_codes=entry_codes))
    return crowd


def duplicates(ledger: Ledger) -> dict:
    """Stored cases of the simulated citizens against what the server acknowledged."""
    from functions.storage import indexes, keys
    from functions.storage.models import CaseItem
    owners = {user for user, _ in ledger.acknowledged}
    stored = [item for owner in owners
              for item in indexes.by_owner.query(CaseItem, keys.owner_cases_key(owner))]
    contents = [item.content for item in stored]
    acknowledged = set(ledger.acknowledged.values())
    return {"acknowledged": len(acknowledged), "stored": len(stored),
            "duplicates": len(contents) - len(set(contents)),
            "acknowledged_missing": len(acknowledged - {item.case_id for item in stored})}


def server_args(spec: str) -> dict:
    """`waitress:8` → 8 threads in one process; `gunicorn:2x4` → 2 workers of 4 threads."""
    name, _, size = spec.partition(":")
    if name == "waitress":
        return {"workers": "waitress", "threads": int(size or 8)}
    if name == "gunicorn":
        workers, _, threads = (size or f"0x{THREADS_PER_WORKER}").partition("x")
        return {"workers": int(workers), "threads": int(threads or THREADS_PER_WORKER)}
    raise SystemExit(f"unknown server {spec!r}: waitress:THREADS or gunicorn[:WORKERSxTHREADS]")


def run(people: int, deputies: int, budget: int, server: str) -> dict:
    with local_store() as (settings, data_dir):
        seed()
        port = free_port()
        server_process = start_server(port, settings_env(settings, data_dir),
                                      **server_args(server))
        try:
            ledger = Ledger(budget)
            crowd = cast(f"http://127.0.0.1:{port}", ledger, people, deputies)
            with tqdm(total=budget, unit="req", desc="load", mininterval=1) as bar:
                ledger.progress = bar
                workers = [threading.Thread(target=p.run, daemon=True) for p in crowd]
                start = time.perf_counter()
                for worker in workers:
                    worker.start()
                for worker in workers:
                    worker.join()
                elapsed = time.perf_counter() - start
        finally:
            stop_server(server_process)
        return {"people": people, "deputies": deputies, "server": server,
                "requests": sum(len(v) for v in ledger.latencies.values()),
                "seconds": round(elapsed, 1), "errors": dict(ledger.errors),
                "cases": duplicates(ledger), "endpoints": {
                    label: {"requests": len(v), "p50_ms": percentile(v, .50) * 1000,
                            "p95_ms": percentile(v, .95) * 1000,
                            "p99_ms": percentile(v, .99) * 1000}
                    for label, v in sorted(ledger.latencies.items())}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--deputies", type=int, default=30)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--servers", default="waitress:8,gunicorn",
                        help="comma-separated, measured in turn; ratios are to the first")
    args = parser.parse_args(argv)
    results = [report(run(args.people, args.deputies, args.requests, server))
               for server in args.servers.split(",")]
    first = results[0]["throughput_rps"]
    print_table("Throughput, same run", ["server", "req/s", "ratio", "worst p99 ms"],
                [[r["server"], r["throughput_rps"], r["throughput_rps"] / first,
                  max(v["p99_ms"] for v in r["endpoints"].values())] for r in results])
    write_json("load", {"runs": results})
    return 0 if all(r["ok"] for r in results) else 1


def report(result: dict) -> dict:
    """Print one server's table; add its throughput and whether it was clean."""
    result["throughput_rps"] = round(result["requests"] / result["seconds"], 1)
    print_table(f"Load: {result['people']} people ({result['deputies']} deputies), "
                f"{result['requests']} requests in {result['seconds']} s = "
                f"{result['throughput_rps']} req/s, server {result['server']}",
                ["endpoint", "requests", "p50 ms", "p95 ms", "p99 ms"],
                [[k, v["requests"], v["p50_ms"], v["p95_ms"], v["p99_ms"]]
                 for k, v in result["endpoints"].items()])
    errors = sum(result["errors"].values())
    print(f"\nerrors: {errors} {result['errors'] or ''}\ncases: {result['cases']}")
    result["ok"] = errors == 0 and result["cases"]["duplicates"] == 0
    return result


if __name__ == "__main__":
    sys.exit(main())
