"""benchmarks/load.py against `make run` as a developer starts it: the sends the load's
writes owe happen on the machine, and each process's CPU is counted (timings are the
benchmark's output, not a test's: the machine is shared)."""
import subprocess
import sys
import time

import pytest

from benchmarks import load
from benchmarks.make_run import cpu_seconds

pytestmark = pytest.mark.e2e

BURN = "import time\nend = time.process_time() + 0.4\nwhile time.process_time() < end: pass\n"


def test_cpu_is_counted_for_the_process_and_its_children_by_role():
    # The grandchild is named like the store in its command line (not in the child's).
    child = f"import subprocess, sys, time\n{BURN}" \
        f"subprocess.Popen([sys.executable, '-c', {BURN!r} + 'time.sleep(30)',\n" \
        "                  'dyna' + 'lite'])\n" \
        "time.sleep(30)\n"
    proc = subprocess.Popen([sys.executable, "-c", child])
    try:
        deadline, spent = time.monotonic() + 20, {}
        while time.monotonic() < deadline and not (
                spent.get("app", 0) >= 0.3 and spent.get("store", 0) >= 0.3):
            time.sleep(0.2)
            spent = cpu_seconds(proc.pid)
    finally:
        proc.kill()
        proc.wait()
    assert spent.get("app", 0) >= 0.3 and spent.get("store", 0) >= 0.3, spent
    assert "schedule" not in spent


def test_the_load_on_make_run_is_clean_and_its_worker_sends_what_the_writes_owe():
    result = load.report(load.run(people=8, deputies=2, budget=60, server="make-run"))
    assert result["ok"], result
    assert result["requests"] == 60 and result["cases"]["acknowledged"] > 0
    assert result["outboxes"]["pending_at_end"] == 0
    assert result["notifications_logged"] > 0  # the new cases' notices went out
    assert {"app", "store", "schedule", "load generator"} <= set(result["cpu_seconds"])
    ceilings = result["ceilings_rps"]
    assert ceilings["store"] == round(1000 / result["cpu_ms_per_request"]["store"], 1)


def test_ceilings_are_what_the_cpu_per_request_allows():
    # 2 cores; 25 ms of CPU per request over all processes, 10 of them the store's.
    ceilings = load.ceilings({"app": 8.0, "store": 10.0, "schedule": 5.0,
                              "load generator": 2.0}, cores=2)
    assert ceilings == {"store": 100.0, "machine": 80.0}
    assert load.ceilings({}, cores=2) == {"store": None, "machine": None}


def test_the_open_loop_counts_from_when_a_request_was_due_and_splits_off_the_opening_wave():
    from benchmarks.open_loop import DueLedger
    ledger, now = DueLedger(budget=10), time.perf_counter()
    ledger.due.at = now - 0.5  # due half a second ago, answered in 0.1 s: 0.5 s in all
    ledger.record("submit", 0.1, None)
    ledger.due.at = now + 10  # a request of later, answered in 0.02 s
    ledger.record("detail", 0.02, None)
    assert ledger.latencies["submit"][0] >= 0.5
    later = ledger.after(now + 5)
    assert later["requests"] == 1 and abs(later["p99_ms"] - 20) < 1
