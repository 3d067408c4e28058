"""How lean the lists are: each list request against its own store calls replayed bare.

`python -m benchmarks.list_reads [--cases N] [--runs R]`: on a fresh dynalite, N cases
walked through the workflow (long progress notes, so items weigh what real ones do), then
each list page (20 rows) requested R times. Per list: its store calls, the request's
median time, the same calls replayed on the client with nothing decoded (`bare`), the
ratio of the two, and beside it what the page would cost read whole (the same calls
without projection, every case decoded as before summaries). Goal (issue 18 item 3):
each list ≤ 2× its bare store calls.
"""
import argparse
import copy
import statistics
import sys
import time

from botocore import xform_name

from benchmarks.harness import local_store, print_table, seed, write_json
from functions.cases.repository import from_item
from functions.cases.views import summary_view
from functions.shared import clock
from functions.storage.models import BaseItem, CaseItem
from tests.case_fixtures import Caller, Cast

GOAL = 2.0
NOTE = "已安排工作人员到现场查看，协调相关部门制定整改方案，预计本周内完成维修并回访群众。" * 3
LISTS = (("GET /api/v1/cases/mine", "citizen", "/api/v1/cases/mine"),
         ("GET /api/v1/deputy/inbox", "deputy", "/api/v1/deputy/inbox"),
         ("GET /api/v1/deputy/inbox?status=", "deputy", "/api/v1/deputy/inbox?status=in_progress"),
         ("GET /api/v1/staff/queue (office)", "office", "/api/v1/staff/queue"),
         ("GET /api/v1/staff/queue (unit)", "unit", "/api/v1/staff/queue"),
         ("GET /api/v1/staff/queue?tab=done", "unit", "/api/v1/staff/queue?tab=done"),
         ("GET /api/v1/public/cases", "anonymous", "/api/v1/public/cases?region_id=demo"))


def _client():
    return BaseItem._get_connection().connection.client


class _Recorder:
    """The parameters of every store call made while installed."""

    def __init__(self):
        self.calls = []

    def __enter__(self):
        _client().meta.events.register("provide-client-params.dynamodb", self._keep,
                                       unique_id="list-reads")
        return self

    def __exit__(self, *exc):
        _client().meta.events.unregister("provide-client-params.dynamodb",
                                         unique_id="list-reads")

    def _keep(self, params, model, **_):
        self.calls.append((model.name, copy.deepcopy(params)))


def _whole(params: dict) -> dict:
    """The same call asking for whole items (no projection, its names dropped)."""
    params = copy.deepcopy(params)
    for target in [params, *params.get("RequestItems", {}).values()]:
        if target.pop("ProjectionExpression", None):
            names = {k: v for k, v in target["ExpressionAttributeNames"].items()
                     if not k.startswith("#p")}
            target.pop("ExpressionAttributeNames")
            if names:
                target["ExpressionAttributeNames"] = names
    return params


def _replay(calls, *, whole=False, now=None) -> None:
    client = _client()
    for operation, params in calls:
        answer = getattr(client, xform_name(operation))(**(_whole(params) if whole else params))
        if whole:  # decode each case as the lists did before summaries
            raws = answer.get("Items", []) + [
                i for items in answer.get("Responses", {}).values() for i in items]
            for raw in raws:
                if raw.get("type", {}).get("S") == "case":
                    summary_view(from_item(CaseItem.from_raw_data(raw)), now=now)


def _medians_ms(runs: int, *ways) -> list[float]:
    """The median time of each way, the ways taken in turn in every round (a busy
    machine slows all of them alike)."""
    times = [[] for _ in ways]
    for _ in range(runs):
        for spent, run in zip(times, ways):
            start = time.perf_counter()
            run()
            spent.append((time.perf_counter() - start) * 1000)
    return [statistics.median(spent) for spent in times]


def _fill(cast: Cast, cases: int) -> None:
    """Cases in every list: forwarded, handled with notes, answered, closed; all public."""
    for n in range(cases):
        status = ("forwarded", "in_progress", "answered", "closed")[n % 4]
        case_id = cast.case_at(status, public=True)
        if status == "in_progress":
            for _ in range(4):
                cast.unit.ok("POST", f"/api/v1/cases/{case_id}/progress", json={"content": NOTE})


def measure(cases: int = 100, runs: int = 15) -> list[dict]:
    with local_store() as (settings, _):
        seeded = seed()
        from miniprogram_api import create_app
        client = create_app(settings).test_client()
        cast = Cast(Caller(client), seeded)
        _fill(cast, cases)
        callers = {"citizen": cast.citizen(), "deputy": cast.deputy(), "office": cast.office,
                   "unit": cast.unit, "anonymous": cast.anonymous}
        now, rows = clock.now(), []
        for label, who, path in LISTS:
            caller = callers[who]
            caller.ok("GET", path)
            with _Recorder() as recorder:
                shown = len(caller.ok("GET", path)["items"])
            request, bare, whole = _medians_ms(
                runs, lambda: caller.ok("GET", path), lambda: _replay(recorder.calls),
                lambda: _replay(recorder.calls, whole=True, now=now))
            rows.append({"list": label, "rows": shown, "calls": len(recorder.calls),
                         "ops": [op for op, _ in recorder.calls], "request_ms": request,
                         "bare_ms": bare, "ratio": request / bare,
                         "whole_items_ms": whole, "whole_ratio": whole / bare})
        return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    rows = measure(args.cases, args.runs)
    print_table(f"List requests against their bare store calls ({args.cases} cases, "
                f"median of {args.runs})",
                ["list", "rows", "calls", "request ms", "bare calls ms", "ratio",
                 "read whole ms", "whole / bare"],
                [[r["list"], r["rows"], r["calls"], r["request_ms"], r["bare_ms"], r["ratio"],
                  r["whole_items_ms"], r["whole_ratio"]] for r in rows])
    over = [r["list"] for r in rows if r["ratio"] > GOAL]
    print(f"\nlists over {GOAL}× their bare store calls: {over or 'none'}")
    write_json("list_reads", {"goal": GOAL, "cases": args.cases, "rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
