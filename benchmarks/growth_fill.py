"""Bulk cases for the growth benchmark, cloned from real ones walked through the API.

Templates are made the normal way (submitted, accepted, replied, closed), then cloned
with new ids, owners and times and written straight through the case repository's item
mapping (`case_repository.to_item`, so every index attribute is the real one) with
PynamoDB's batch writer in a few threads, each with the voter_contact duty record its
deputy's reply or forward has (the after-write of a real case writes it; without it every
nightly reconcile would find the clones' records missing and make them). Clones'
deadlines lie weeks ahead, so only the cases a measurement makes due are due.
"""
import threading
import time
from datetime import timedelta

from functions.shared.clock import iso
from functions.cases import repository as case_repository
from functions.deputies import get_deputy_item
from functions.duty import automatic, repository as duty_repository
from functions.duty.models import DutyRecordItem
from functions.storage.models import CaseItem
from tests.case_fixtures import Cast

STATUSES = ("submitted", "accepted", "replied", "closed")
CATEGORIES = ("city_construction", "transport", "agriculture", "education")
WRITERS = 4
OWNERS = 500


def templates(cast: Cast) -> list[dict]:
    """One real case in each of STATUSES, read back whole from the store."""
    made = []
    for status in STATUSES:
        case = case_repository.get(cast.case_at(status, public=True))
        case.update(outbox=[], version=1)
        made.append(case)
    return made


def clone(template: dict, n: int, now, deadlines_at) -> dict:
    created = iso(now - timedelta(seconds=n))
    case = dict(template, id=f"g{n:07d}x{template['id'][:6]}", created_at=created,
                updated_at=created, owner_id=f"wgrowth{n % OWNERS:05d}",
                category=CATEGORIES[n % len(CATEGORIES)],
                content=f"第{n}件：东街路灯坏了，晚上很黑。")
    case["deadlines"] = {name: iso(deadlines_at) for name in template.get("deadlines") or {}}
    case["reminded"] = []
    return case


def fill(made: list[dict], start: int, stop: int, now) -> float:
    """Write clones numbered start..stop-1; seconds it took."""
    far = now + timedelta(days=60)
    began = time.perf_counter()
    deputies = {case["deputy_id"]: get_deputy_item(case["deputy_id"])
                for case in made if case.get("deputy_id")}
    rules = {d.region_id: duty_repository.region_rules(d.region_id) for d in deputies.values()}

    def write(numbers):
        with CaseItem.batch_write() as batch, DutyRecordItem.batch_write() as records:
            for n in numbers:
                case = clone(made[n % len(made)], n, now, far)
                batch.save(case_repository.to_item(case))
                entry = automatic.deputy_contact(case)
                if entry:
                    deputy = deputies[case["deputy_id"]]
                    records.save(duty_repository._to_item(automatic.case_contact_record(
                        case, entry, deputy, rules[deputy.region_id])))
    numbers = list(range(start, stop))
    threads = [threading.Thread(target=write, args=(numbers[i::WRITERS],))
               for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began


def make_due(made: list[dict], tag: int, count: int, now) -> list[str]:
    """`count` submitted cases whose accept deadline passed yesterday, for the sweep."""
    ids = []
    for n in range(count):
        case = clone(made[0], 9_000_000 + tag * 1000 + n, now, now - timedelta(days=1))
        case.pop("version")  # a new item: create() writes it on attribute_not_exists alone
        assert case_repository.create(case), case["id"]
        ids.append(case["id"])
    return ids
