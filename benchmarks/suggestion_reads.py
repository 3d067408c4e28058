"""The suggestion statistics and a unit's status list cost the same store reads at any
number of suggestions.

For each size: a fresh local store with the demo region, that many handled suggestions
written through the suggestion repository's own item mapping (every index attribute
real), their party items as parties.py writes them, and counters as the recount would
leave them (`counters.contribution`). Then it counts the store calls and read capacity of
the per-unit statistics (GET /api/v1/staff/suggestions/stats as the office), a unit's
first page of one status (GET /api/v1/staff/suggestions?status=assigned) and the
dashboard page.

    .venv/bin/python -m benchmarks.suggestion_reads [--sizes 100,2000]
"""
import argparse
from collections import Counter
from datetime import datetime, timedelta, timezone

from benchmarks.harness import local_store, print_table, seed, write_json
from functions.shared.clock import iso
from functions.storage import indexes, keys, suggestion_keys
from functions.storage.low_level import add_numbers
from functions.suggestions import counters, repository
from functions.suggestions.items import SuggestionItem, SuggestionPartyItem
from tests.store_call_counter import StoreCallCounter

STATUSES = ("assigned", "in_progress", "answered", "closed")
UNITS = ("u-housing", "u-transport")


def make_suggestion(n: int, lead: dict, now: datetime) -> dict:
    status = STATUSES[n % len(STATUSES)]
    created = now - timedelta(hours=n)
    answers = [{"classification": "ABC"[n % 3], "content": "已答复", "on_time": n % 5 != 0,
                "at": iso(created + timedelta(days=20)), "round": 0}] \
        if status in ("answered", "closed") else []
    evaluations = [{"rating": "satisfied" if n % 4 else "unsatisfied", "at": iso(now),
                    "round": 0}] if status == "closed" else []
    return {"id": f"sbench{n:07d}", "status": status, "title": "关于改善东街照明的建议",
            "content": "东街路灯长期损坏。", "category": "city_construction",
            "session": "session", "region_id": "demo", "lead_id": lead["id"],
            "lead_name": lead["name"], "cosigners": [], "created_at": iso(created),
            "updated_at": iso(created), "number": f"{created.year}-{n + 1}", "seq": n + 1,
            "unit_id": UNITS[n % 2], "co_unit_ids": [], "answers": answers,
            "evaluations": evaluations, "rehandle_count": 0, "key": False, "timeline": [],
            "deadlines": {}, "reminded": ["answer:due"], "version": 1}


def fill(size: int, deputies: list[dict], now: datetime) -> None:
    totals = Counter()
    with SuggestionItem.batch_write() as batch:
        for n in range(size):
            suggestion = make_suggestion(n, deputies[n % len(deputies)], now)
            batch.save(repository.to_item(suggestion))
            for kind, party in (("deputy", suggestion["lead_id"]),
                                ("unit", suggestion["unit_id"])):
                batch.save(party_item(suggestion, kind, party))
            for numbers in counters.contribution(suggestion).values():
                totals.update(numbers)
    add_numbers(keys.counter_pk(counters.scope_of("demo")), dict(totals))


def party_item(suggestion: dict, kind: str, party_id: str) -> SuggestionPartyItem:
    sid, created, status = suggestion["id"], suggestion["created_at"], suggestion["status"]
    scope = suggestion_keys.party_suggestions_key(kind, party_id)
    return SuggestionPartyItem(
        pk=suggestion_keys.suggestion_pk(sid),
        sk=suggestion_keys.suggestion_party_sk(kind, party_id),
        suggestion_id=sid, created_at=created, status=status, suggestion_version=1,
        **indexes.suggestion_parties.entry(scope, f"{created}#{sid}"),
        **indexes.suggestion_parties_by_status.entry(scope, f"{status}#{created}#{sid}"))


def measure(size: int) -> dict:
    from miniprogram_api import create_app
    from tests.case_fixtures import Caller
    from tests.integration.admin_helpers import admin_login
    with local_store() as (settings, _):
        deputies = seed()["deputies"]
        now = datetime.now(timezone.utc)
        fill(size, deputies, now)
        app = create_app(settings)  # configures fresh clients: before hooks
        office, unit = (Caller(app.test_client()).as_staff(u) for u in ("office", "unit1"))
        page = app.test_client()
        admin_login(page, "office")
        reads = {"stats": lambda: office.ok("GET", "/api/v1/staff/suggestions/stats"),
                 "unit list": lambda: unit.ok(
                     "GET", "/api/v1/staff/suggestions?status=assigned&limit=20"),
                 "dashboard": lambda: page.get("/admin/dashboard")}
        rows = []
        with StoreCallCounter() as counter:
            for name, read in reads.items():
                read()  # warms the per-process caches
                counter.take()
                answer = read()
                calls = counter.take()
                rows.append({"suggestions": size, "read": name, "calls": len(calls),
                             "capacity": round(sum(c.capacity for c in calls), 2),
                             "ops": [f"{c.operation} {c.key}" for c in calls],
                             "scans": sum(1 for c in calls if c.operation == "Scan")})
                if name == "stats":
                    assert sum(u["assigned"] for u in answer["units"]) == size
        return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,2000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    results = [row for size in sizes for row in measure(size)]
    print_table("suggestion reads by suggestion count",
                ["suggestions", "read", "calls", "RCU", "scans"],
                [[r["suggestions"], r["read"], r["calls"], r["capacity"], r["scans"]]
                 for r in results])
    for row in results[:3]:
        print(f"{row['read']}:", ", ".join(row["ops"]))
    write_json("suggestion_reads", results)


if __name__ == "__main__":
    main()
