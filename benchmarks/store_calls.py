"""Store calls and consumed capacity per API endpoint and scheduled function.

`python -m benchmarks.store_calls [--before REV | --no-before]`: every endpoint of
api-contract.md once, on a fresh dynalite, counted with botocore event hooks, as `make run`
serves it (DELIVERY=signal): `request` is what the request itself needs, `after write` what
follows a case write in the same request (counters, queue links), `delivery` what the
delivery worker then spends on the notifications the write owes. The tour again with
DELIVERY=stream (the cloud: the stream's image spares the worker's read of the case), and
the tour of the code at REV (default: main before issue 18's work, delivering inside the
request), run in the same invocation with the same counter, give the comparison: store
calls per notification and a submit's own calls, before and after. The rules (no Scan; a mini-program request needs at most MAX_MINI_CALLS) are
checked by tests/integration/storage/test_store_calls.py.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

from benchmarks.endpoint_tour import scheduled_tour, tour
from benchmarks.harness import (BASELINE_REV, ROOT, free_port, local_store, print_table, seed,
                                write_json)
from tests.store_call_counter import StoreCallCounter

MAX_MINI_CALLS = 3


class Worker:
    """make run's delivery worker, in this process: delivers each pinged record when asked."""

    def __init__(self, port: int):
        from functions.notifications import wakeup
        self.sock = wakeup.bind(port)
        self.sock.setblocking(False)

    def deliver(self) -> int:
        from functions.notifications import wakeup
        from functions.notifications.delivery_ping import Delivery
        delivered = 0
        while True:
            try:
                ping = wakeup.heard(self.sock.recv(wakeup.MAX_DATAGRAM))
            except BlockingIOError:
                return delivered
            if ping is not None:
                delivered += wakeup.deliver(Delivery.of(ping))

    def close(self) -> None:
        self.sock.close()


class StreamFeed:
    """The table's stream, in this process: each case the request wrote (PutItem, whose
    item is the stream's NEW_IMAGE) goes to the notify function's stream handler. The
    writes delivery makes itself are left out: their events find the entry leased or the
    outbox empty and cost no store call (tests/integration/notifications/test_stream_delivery.py)."""

    def __init__(self):
        from functions.storage.models import BaseItem
        self.client, self.images = BaseItem._get_connection().connection.client, []
        self._listen()

    def _listen(self):
        events = self.client.meta.events
        events.register("provide-client-params.dynamodb.PutItem", self._put,
                        unique_id="bench-stream-put")
        events.register("after-call.dynamodb.PutItem", self._written,
                        unique_id="bench-stream-written")

    def _put(self, params, context, **_):
        item = params.get("Item") or {}
        if item.get("pk", {}).get("S", "").startswith("CASE#"):
            context["stream_image"] = item

    def _written(self, http_response, context, **_):
        # Only a write that took place is on the stream (not a refused conditional one).
        if "stream_image" in context and http_response.status_code == 200:
            self.images.append(context["stream_image"])

    def deliver(self) -> int:
        from functions.notifications import stream
        from functions.shared import clock
        images, self.images = self.images, []
        self.close()  # the handler's own writes are not the request's
        try:
            records = [{"eventName": "MODIFY", "eventSource": "aws:dynamodb",
                        "dynamodb": {"Keys": {"pk": i["pk"], "sk": i["sk"]}, "NewImage": i,
                                     "StreamViewType": "NEW_IMAGE"}}
                       for i in images if "outbox_pk" in i]  # serverless.yml's filter
            return stream.deliver_changes({"Records": records}, clock.now())["delivered"] \
                if records else 0
        finally:
            self._listen()

    def close(self) -> None:
        events = self.client.meta.events
        events.unregister("provide-client-params.dynamodb.PutItem", unique_id="bench-stream-put")
        events.unregister("after-call.dynamodb.PutItem", unique_id="bench-stream-written")


def measure(mode: str = "signal") -> list[dict]:
    """Rows of this tree's tour with DELIVERY=`mode`: `signal` (make run's worker) or
    `stream` (the cloud's stream); a write's row counts the notifications it owed."""
    port = free_port()
    with local_store(DELIVERY=mode, DELIVERY_SIGNAL_PORT=str(port)) as (settings, _):
        seeded = seed()
        from miniprogram_api import create_app
        client = create_app(settings).test_client()
        worker = Worker(port) if mode == "signal" else StreamFeed()
        counter = StoreCallCounter().install()
        try:
            return tour(client, seeded, counter, worker.deliver) + scheduled_tour(counter)
        finally:
            counter.uninstall()
            worker.close()


_BEFORE = """import json, sys
from benchmarks.store_calls import measure
json.dump(measure(), open(sys.argv[1], "w"))
"""


def measure_before(rev: str) -> list[dict]:
    """The tour of the code at `rev` (delivering inside the request, as it did), counted by
    this tree's counter so its delivery calls are told apart the same way."""
    tree = tempfile.mkdtemp(prefix="mashangban-before-")
    try:
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        shutil.copy(os.path.join(ROOT, "tests", "store_call_counter.py"),
                    os.path.join(tree, "tests", "store_call_counter.py"))
        os.symlink(os.path.join(ROOT, "node_modules"), os.path.join(tree, "node_modules"))
        out = os.path.join(tree, "rows.json")
        subprocess.run([sys.executable, "-c", _BEFORE, out], cwd=tree, check=True,
                       env={**os.environ, "PYTHONPATH": tree})
        with open(out) as f:
            return json.load(f)
    finally:
        shutil.rmtree(tree, ignore_errors=True)


def _delivery(rows) -> dict:
    return {r["endpoint"]: r["delivery"]["calls"] for r in rows if r["audience"] != "scheduled"}


def compare(modes: dict, before: list[dict]) -> dict:
    """Delivery calls per write endpoint and per notification, and a submit's own calls
    against a case read: before, and after in each mode ({mode: rows}). Per notification
    and the ratio count only the endpoints both tours have: the tour at the base revision
    lacks later endpoints, whose notifications must not dilute the "before"."""
    old = _delivery(before)
    new = {mode: _delivery(rows) for mode, rows in modes.items()}
    names = [n for n in old if old[n] or any(calls.get(n) for calls in new.values())]
    print_table("Store calls spent delivering what each write owes",
                ["endpoint", "before (inline)", *[f"after ({m})" for m in new]],
                [[n, old[n], *[calls.get(n, 0) for calls in new.values()]] for n in names])

    def own(row, inline=False):
        return row["request"]["calls"] + row["after_write"]["calls"] + \
            (row["delivery"]["calls"] if inline else 0)

    def submit_ratio(rows, inline=False, name="POST /api/v1/cases"):
        by_name = {r["endpoint"]: r for r in rows}
        if name not in by_name:
            return None
        return round(own(by_name[name], inline) /
                     by_name["GET /api/v1/cases/{id}"]["request"]["calls"], 1)
    result = {"before": {"delivery_calls": sum(old.values()),
                         "submit_vs_case_read": submit_ratio(before, inline=True)}}
    for mode, rows in modes.items():
        common = [r for r in rows if r["endpoint"] in old and r["audience"] != "scheduled"]
        entries = sum(r.get("notifications") or 0 for r in common)
        calls = sum(new[mode][r["endpoint"]] for r in common)
        before_calls = sum(old[r["endpoint"]] for r in common)
        whole = sum(r.get("notifications") or 0 for r in rows)
        result[mode] = {"notifications": entries, "delivery_calls": calls,
                        "per_notification": round(calls / max(entries, 1), 2),
                        "before_per_notification": round(before_calls / max(entries, 1), 2),
                        "ratio": round(calls / max(before_calls, 1), 2),
                        "whole_tour": {"notifications": whole,
                                       "delivery_calls": sum(new[mode].values())},
                        "submit_vs_case_read": submit_ratio(rows),
                        # a process that has not read the region in the last minute
                        "cold_submit_vs_case_read": submit_ratio(
                            rows, name="POST /api/v1/cases (cold process)")}
        print(f"{mode}: {entries} notifications of the endpoints both tours have, "
              f"{result[mode]['before_per_notification']} store calls each before, "
              f"{result[mode]['per_notification']} after (ratio {result[mode]['ratio']}); "
              f"the whole tour {whole} notifications, {sum(new[mode].values())} calls; "
              f"a submit's own calls {result['before']['submit_vs_case_read']}x a case read "
              f"before, {result[mode]['submit_vs_case_read']}x after "
              f"({result[mode]['cold_submit_vs_case_read']}x in a cold process)")
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store_calls")
    parser.add_argument("--before", help="the revision to compare with (default: "
                                         "main before issue 18, harness.BASELINE_REV)")
    parser.add_argument("--no-before", action="store_true", help="this tree only")
    args = parser.parse_args(argv)
    rows = measure("signal")
    table = []
    for row in rows:
        req, after, sent = row["request"], row["after_write"], row["delivery"]
        table.append([row["endpoint"], row["audience"], req["calls"], req["capacity"],
                      after["calls"], after["capacity"], sent["calls"], sent["capacity"],
                      row["scans"], ", ".join(sorted(set(req["ops"])))])
    print_table("Store calls per request (capacity in consumed units)",
                ["endpoint", "who", "calls", "cap", "after write", "cap", "delivery", "cap",
                 "scans", "request ops"], table)
    over = [r["endpoint"] for r in rows
            if r["audience"] == "mini" and r["request"]["calls"] > MAX_MINI_CALLS]
    scans = [r["endpoint"] for r in rows if r["scans"]]
    print(f"\nmini-program endpoints over {MAX_MINI_CALLS} calls: {over or 'none'}; "
          f"scans: {scans or 'none'}")
    rev = None if args.no_before else (args.before or BASELINE_REV)
    comparison = compare({"signal": rows, "stream": measure("stream")},
                         measure_before(rev)) if rev else None
    write_json("store_calls", {"max_mini_calls": MAX_MINI_CALLS, "rows": rows,
                               "before": rev, "comparison": comparison})
    return 0


if __name__ == "__main__":
    sys.exit(main())
