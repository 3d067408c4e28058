"""Open loop: requests arrive at a fixed rate whatever the server's pace, p50/p99 per endpoint.

`python -m benchmarks.open_loop [--rate 50] [--seconds 30] [--servers before-app,make-run]`
(set-ups as in benchmarks/load_servers.py):
the load benchmark's citizens and deputies, but a request starts every 1/rate seconds (an
idle person takes it) instead of each person waiting for the last answer, so a slow server
meets a queue, as a real one does. Latency is counted from the moment the request was due,
so time spent waiting for a free person or a late start is not hidden. Goal: p99 < 100 ms.
Every citizen's first step is a submit, so the run opens with a wave of writes; the p99 of
the requests due after each person could have stepped once is reported beside the whole
run's, with each process's share of a core (the store is one single-threaded process).
Errors and duplicate cases must be 0 (else it exits 1).
"""
import argparse
import queue
import sys
import threading
import time

from benchmarks.harness import print_table, write_json
from benchmarks.load import SETTLE_SECONDS, cast, percentile
from benchmarks.load_people import Ledger
from benchmarks.load_servers import delivers, served
from benchmarks.load_tally import REGISTER, TALLY
from benchmarks.make_run import in_tree

GOAL_P99_MS = 100


class DueLedger(Ledger):
    """A ledger that counts each request from when it was due, not when it was sent."""

    def __init__(self, budget: int):
        super().__init__(budget)
        self.due = threading.local()
        self.dated: list[tuple[float, float]] = []  # (due, latency) of every request

    def record(self, label: str, seconds: float, problem: str | None) -> None:
        due = getattr(self.due, "at", time.perf_counter())
        late = time.perf_counter() - seconds - due
        self.dated.append((due, seconds + max(late, 0.0)))
        super().record(label, seconds + max(late, 0.0), problem)

    def after(self, cutoff: float) -> dict:
        """p50/p99 of the requests due from `cutoff` on."""
        later = [seconds for due, seconds in self.dated if due >= cutoff]
        return {"requests": len(later), "p50_ms": percentile(later, .5) * 1000,
                "p99_ms": percentile(later, .99) * 1000}


def arrivals(crowd, ledger: DueLedger, rate: float, seconds: float) -> float:
    """Start one person's next step every 1/rate seconds for `seconds`; wait for all."""
    idle = queue.SimpleQueue()
    for person in crowd:
        idle.put(person)

    def step(person, due):
        ledger.due.at = due
        person.step()
        idle.put(person)

    started, running = time.perf_counter(), []
    for n in range(int(rate * seconds)):
        due = started + n / rate
        time.sleep(max(0.0, due - time.perf_counter()))
        running.append(threading.Thread(target=step, args=(idle.get(), due), daemon=True))
        running[-1].start()
    for thread in running:
        thread.join()
    return time.perf_counter() - started


def run(rate: float, seconds: float, people: int, deputies: int, server: str) -> dict:
    with served(server) as (base, tree, env, cpu):
        made = in_tree(tree, env, REGISTER, {"deputies": deputies})
        ledger = DueLedger(budget=10 * int(rate * seconds))  # arrivals bound the run
        crowd = cast(base, ledger, people, made["deputies"])
        ledger.latencies.clear()  # logging in is set-up, not load
        ledger.dated.clear()
        cpu_before = cpu()
        elapsed = arrivals(crowd, ledger, rate, seconds)
        busy = {role: round((spent - cpu_before.get(role, 0.0)) / elapsed, 2)
                for role, spent in cpu().items()}
        first_due = min((due for due, _ in ledger.dated), default=0.0)
        tally = in_tree(tree, env, TALLY, {
            "owners": sorted({user for user, _ in ledger.acknowledged}),
            "acknowledged": sorted(set(ledger.acknowledged.values())), "load_ended": time.time(),
            "wait": SETTLE_SECONDS if delivers(server) else 0})
        every = [s for v in ledger.latencies.values() for s in v]
        return {"server": server, "rate_per_s": rate, "seconds": round(elapsed, 1),
                "requests": len(every), "errors": dict(ledger.errors),
                "cases": tally["cases"],
                "outboxes": tally["outboxes"] if delivers(server) else None,
                "all": {"p50_ms": percentile(every, .5) * 1000,
                        "p99_ms": percentile(every, .99) * 1000},
                "after_first_steps": ledger.after(first_due + len(crowd) / rate),
                "cores_busy": busy,
                "endpoints": {label: {"requests": len(v), "p50_ms": percentile(v, .5) * 1000,
                                      "p99_ms": percentile(v, .99) * 1000}
                              for label, v in sorted(ledger.latencies.items())}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--deputies", type=int, default=30)
    parser.add_argument("--servers", default="before-app,make-run")
    args = parser.parse_args(argv)
    results = []
    for server in args.servers.split(","):
        result = run(args.rate, args.seconds, args.people, args.deputies, server)
        rows = [[k, v["requests"], v["p50_ms"], v["p99_ms"],
                 "yes" if v["p99_ms"] < GOAL_P99_MS else "no"]
                for k, v in {**result["endpoints"], "(all)": {
                    "requests": result["requests"], **result["all"]}}.items()]
        print_table(f"Open loop: {args.rate:g} requests/s for {result['seconds']} s, server "
                    f"{server}", ["endpoint", "requests", "p50 ms", "p99 ms",
                                  f"p99 < {GOAL_P99_MS}"], rows)
        later = result["after_first_steps"]
        print(f"after every person's first step: {later['requests']} requests, p50 "
              f"{later['p50_ms']:.1f} ms, p99 {later['p99_ms']:.1f} ms; cores busy by process: "
              f"{result['cores_busy']}")
        print(f"errors: {sum(result['errors'].values())} {result['errors'] or ''}"
              f"\ncases: {result['cases']}\ncase outboxes: {result['outboxes']}")
        result["ok"] = not result["errors"] and result["cases"]["duplicates"] == 0 and \
            not (result["outboxes"] or {}).get("pending_at_end")
        results.append(result)
    write_json("open_loop", {"goal_p99_ms": GOAL_P99_MS, "runs": results})
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
