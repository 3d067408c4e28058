"""The 数据驾驶舱 costs the same store reads at 1k and at 50k cases, with 3 or 1229 deputies.

For each size: a fresh local store with the demo region (and that many more deputies),
that many cases written through the case repository's own item mapping (every index
attribute real) and counters as the reconcile would leave them (`counters.item_numbers`),
the cases spread over the deputies. Then it counts the store calls of the dashboard page
(GET /admin/dashboard as the office), of the figures of GET /api/v1/staff/stats, of the
nightly rollup refresh and of the refresh the drain makes after moves
(`ranking_refresh.refresh_marked`, at most once a minute per region that moved): that one
follows the deputies, the page not.

    .venv/bin/python -m benchmarks.dashboard_reads [--sizes 1000,50000] [--deputies 0,1226]
"""
import argparse
import random
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

from benchmarks.harness import local_store, print_table, seed, write_json
from functions import deputies as deputy_registry
from functions.shared.clock import iso
from functions.reporting import dashboard, ranking_refresh
from functions.reporting.counters import home_attributes, item_numbers
from functions.reporting.rollups import RollupItem
from functions.cases import repository as case_repository
from functions.storage import keys
from functions.storage.low_level import add_numbers
from functions.storage.models import CaseItem
from tests.store_call_counter import StoreCallCounter

TEXTS = ("东街路灯坏了，晚上很黑。", "村口水渠堵塞，农田灌溉困难。", "学校门口缺少红绿灯。",
         "小区垃圾清运不及时。", "菜市场门口积水严重。", "希望增加公交班次。")
OFFICE = {"kind": "staff", "role": "office", "region_id": "demo", "username": "office"}
CATEGORIES = ("city_construction", "agriculture", "education_culture_health", "ecology",
              "social_affairs")


class DashboardCounter(StoreCallCounter):
    """Also hooks the rollup model's client (it keeps its own, like every model class)."""

    def install(self):
        super().install()
        client = RollupItem._get_connection().connection.client
        if all(client is not c for c in self._clients):
            client.meta.events.register("provide-client-params.dynamodb", self._before,
                                        unique_id=f"count-before-{id(self)}")
            client.meta.events.register("after-call.dynamodb", self._after,
                                        unique_id=f"count-after-{id(self)}")
            self._clients.append(client)
        return self


def make_case(n: int, deputy: dict, now: datetime) -> dict:
    created = now - timedelta(minutes=n * 7 % (365 * 24 * 60))
    answered = created + timedelta(hours=2 + n % 40)
    closed = random.random() < 0.6
    timeline = [{"at": iso(created), "actor_role": "citizen", "action": "submit",
                 "status": "submitted"},
                {"at": iso(created + timedelta(minutes=30 + n % 300)), "actor_role": "deputy",
                 "action": "accept", "status": "accepted"},
                {"at": iso(answered), "actor_role": "deputy", "action": "reply",
                 "status": "replied", "on_time": n % 10 != 0}]
    if closed:
        timeline.append({"at": iso(answered + timedelta(days=1)), "actor_role": "citizen",
                         "action": "rate", "status": "closed",
                         "rating": "satisfied" if n % 7 else "unsatisfied"})
    return {"id": f"bench{n:07d}", "type": "request", "status": timeline[-1]["status"],
            "category": CATEGORIES[n % len(CATEGORIES)], "content": TEXTS[n % len(TEXTS)],
            "created_at": iso(created), "updated_at": timeline[-1]["at"],
            "entry_code": deputy["entry_code"], "deputy_id": deputy["id"],
            "deputy_name": deputy["name"], "region_id": "demo", "owner_id": f"w{n % 500}",
            "public": False, "overdue": False, "rehandle_count": 0, "timeline": timeline,
            "deadlines": {}, "version": 1}


def fill(size: int, deputies: list[dict], now: datetime) -> None:
    totals: dict[str, Counter] = defaultdict(Counter)
    with CaseItem.batch_write() as batch:
        for n in range(size):
            case = make_case(n, deputies[n % len(deputies)], now)
            batch.save(case_repository.to_item(case))
            for scope, numbers in item_numbers(case).items():
                totals[scope].update(numbers)
    for scope, numbers in totals.items():
        add_numbers(keys.counter_pk(scope), dict(numbers),
                    sets=home_attributes(scope, "demo"))


def more_deputies(count: int, now: datetime) -> list[dict]:
    return [deputy_registry.register_deputy(name=f"代表{n:04d}", phone=f"139{n:08d}",
                                            region_id="demo", level="township", now=now)
            for n in range(count)]


def mark_a_move(now: datetime) -> str:
    """The mark a move leaves in its counter write (here alone); the item marked."""
    pk = keys.counter_pk("REGION#demo")
    add_numbers(pk, {}, stale=ranking_refresh.mark("demo", now))
    return pk


def _cost(calls) -> dict:
    return {"calls": len(calls), "capacity": round(sum(c.capacity for c in calls), 2),
            "ops": [f"{c.operation} {c.key}" for c in calls]}


def measure(size: int, extra_deputies: int = 0) -> dict:
    from miniprogram_api import create_app
    from tests.integration.admin_helpers import admin_login
    with local_store() as (settings, _):
        now = datetime.now(timezone.utc)
        deputies = seed()["deputies"] + more_deputies(extra_deputies, now)
        fill(size, deputies, now)
        from functions.reporting.dashboard_rollups import refresh_region
        client = create_app(settings).test_client()  # configures fresh clients: before hooks
        admin_login(client, "office")
        with DashboardCounter() as counter:
            refresh_region("demo", now=now)
            rollup = counter.take()
            marked = mark_a_move(now)
            counter.take()
            ranking_refresh.refresh_marked([marked], now=now)  # the drain, a minute later
            refresh = counter.take()
            client.get("/admin/dashboard")  # warms the per-process region cache
            counter.take()
            page = client.get("/admin/dashboard")
            calls = counter.take()
            stats = dashboard.stats(actor=OFFICE)  # GET /api/v1/staff/stats less the caller
            stats_calls = counter.take()
        assert page.status_code == 200 and f">{size}<" in page.get_data(as_text=True)
        assert stats["total"] == size
        page_cost, refresh_cost = _cost(calls), _cost(refresh)
        return {"cases": size, "deputies": len(deputies), "page_calls": page_cost["calls"],
                "page_capacity": page_cost["capacity"], "page_ops": page_cost["ops"],
                "stats_ops": _cost(stats_calls)["ops"],
                "scans": sum(1 for c in calls + rollup + refresh if c.operation == "Scan"),
                "rollup_calls": len(rollup),
                "rollup_capacity": round(sum(c.capacity for c in rollup), 2),
                "refresh_calls": refresh_cost["calls"],
                "refresh_capacity": refresh_cost["capacity"],
                "refresh_ops": [f"{c.operation} {c.key} {c.capacity:g}" for c in refresh]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,50000")
    parser.add_argument("--deputies", default="0,1226",
                        help="deputies added to the demo region's 3, one run each")
    args = parser.parse_args()
    random.seed(7)
    results = [measure(size, int(extra)) for extra in args.deputies.split(",")
               for size in (int(s) for s in args.sizes.split(","))]
    print_table("dashboard store calls by case and deputy count",
                ["cases", "deputies", "page calls", "page RCU", "rollup calls", "rollup RCU",
                 "refresh calls", "refresh capacity", "scans"],
                [[r["cases"], r["deputies"], r["page_calls"], r["page_capacity"],
                  r["rollup_calls"], r["rollup_capacity"], r["refresh_calls"],
                  r["refresh_capacity"], r["scans"]] for r in results])
    print("page calls:", ", ".join(results[0]["page_ops"]))
    write_json("dashboard_reads", results)


if __name__ == "__main__":
    main()
