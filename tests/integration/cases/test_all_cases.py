"""All cases of a region (GET /api/v1/staff/cases): every filter and combination, newest
first, walked page by page; each page one bounded Query; who may look."""
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlencode

import pytest

from functions.cases import all_cases
from functions.shared import clock
from functions.shared.moments import SHANGHAI
from functions.storage.models import BaseItem
from tests.case_fixtures import PASSWORD, assert_error, cast  # noqa: F401

pytestmark = pytest.mark.integration

BASE = datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc)  # 09:00 in Shanghai
# (deputy, category, status, lead unit): one case each, five hours apart, newest last.
CASES = [
    (0, "city_construction", "closed", "u-housing"), (0, "agriculture", "submitted", None),
    (1, "city_construction", "forwarded", None), (1, "agriculture", "assigned", "u-transport"),
    (0, "city_construction", "in_progress", "u-housing"), (1, "ecology", "replied", None),
    (0, "agriculture", "assigned", "u-housing"), (1, "city_construction", "assigned", "u-transport"),
    (0, "city_construction", "submitted", None), (0, "ecology", "rejected", None),
    (1, "agriculture", "answered", "u-housing"), (0, "city_construction", "assigned", "u-housing"),
]


@pytest.fixture
def region(cast):
    """The twelve cases, each as {id, deputy_id, category, status, unit_id, day}."""
    made = []
    for number, (deputy, category, status, unit) in enumerate(CASES):
        at = BASE + timedelta(hours=5 * number)
        clock.set_now(at)
        path = "assigned" if unit == "u-transport" else status
        case_id = cast.case_at(path, citizen=f"c{number}", deputy=deputy, category=category)
        if unit == "u-transport":  # the office moves it to the other unit
            case_id = _reassigned(cast, case_id)
        made.append({"id": case_id, "deputy_id": cast.deputy_id(deputy), "category": category,
                     "status": status, "unit_id": unit, "day": at.astimezone(SHANGHAI).date()})
    clock.set_now(BASE + timedelta(hours=60))  # the logins of the first case still hold
    return made[::-1]  # newest first


def _reassigned(cast, case_id):
    cast.unit.ok("POST", f"/api/v1/cases/{case_id}/return", json={"reason": "非本单位职责"})
    cast.office.ok("POST", f"/api/v1/cases/{case_id}/assign", json={"unit_id": "u-transport"})
    return case_id


def walk(caller, args: dict, limit: int = 2) -> list[str]:
    """Every row of the list, page by page; no page longer than `limit`."""
    seen, cursor = [], None
    for _ in range(40):
        query = {**args, "limit": limit, **({"cursor": cursor} if cursor else {})}
        page = caller.ok("GET", f"/api/v1/staff/cases?{urlencode(query)}")
        assert len(page["items"]) <= limit
        seen += [row["id"] for row in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            return seen
    raise AssertionError("the list never ended")


def expected(cases, *, start=None, end=None, **wanted) -> list[str]:
    return [c["id"] for c in cases if all(c[k] == v for k, v in wanted.items())
            and (not start or c["day"] >= start) and (not end or c["day"] <= end)]


COMBINATIONS = [
    {}, {"status": "assigned"}, {"status": "closed"}, {"category": "agriculture"},
    {"unit_id": "u-housing"}, {"unit_id": "u-transport"}, {"deputy_id": 1},
    {"from": "2026-03-03"}, {"to": "2026-03-03"}, {"from": "2026-03-03", "to": "2026-03-03"},
    {"status": "assigned", "category": "city_construction"},
    {"deputy_id": 0, "status": "assigned"}, {"unit_id": "u-housing", "category": "agriculture"},
    {"deputy_id": 1, "unit_id": "u-transport", "category": "agriculture"},
    {"status": "submitted", "from": "2026-03-03", "to": "2026-03-04"},
    {"deputy_id": 0, "unit_id": "u-housing", "category": "city_construction",
     "status": "in_progress", "from": "2026-03-02", "to": "2026-03-03"},
    {"category": "democracy_law"},
]


@pytest.mark.parametrize("margin", [all_cases.MARGIN, 1])
def test_every_filter_and_combination_lists_exactly_its_cases_newest_first(
        cast, region, monkeypatch, margin):
    monkeypatch.setattr(all_cases, "MARGIN", margin)  # 1: filtered pages come up short
    names = {"status": "status", "category": "category", "unit_id": "unit_id",
             "deputy_id": "deputy_id"}
    for combination in COMBINATIONS:
        args = dict(combination)
        if "deputy_id" in args:
            args["deputy_id"] = cast.deputy_id(args["deputy_id"])
        wanted = {names[k]: v for k, v in args.items() if k in names}
        start, end = (date.fromisoformat(args[k]) if k in args else None for k in ("from", "to"))
        assert walk(cast.office, args) == expected(region, start=start, end=end, **wanted), args
    assert walk(cast.admin, {"status": "assigned"}, limit=3) == expected(region, status="assigned")
    assert len(expected(region)) > 2 and expected(region, category="democracy_law") == []


def test_each_page_is_one_query_reading_at_most_a_page_and_the_margin(cast, region, monkeypatch):
    monkeypatch.setattr(all_cases, "MARGIN", 2)
    reads = []

    def record(http_response, parsed, model, **_):
        if model.name == "Query":
            reads.append(parsed.get("ScannedCount"))
    events = BaseItem._get_connection().connection.client.meta.events
    events.register("after-call.dynamodb", record, unique_id="all-cases-reads")
    try:
        rare = {"deputy_id": cast.deputy_id(0), "status": "rejected"}
        reads.clear()
        assert walk(cast.office, rare, limit=1) == expected(region, **rare)
        deputy_zero = len(expected(region, deputy_id=cast.deputy_id(0)))
        assert reads and max(reads) <= 1 + 2 and sum(reads) <= deputy_zero + len(reads)
        reads.clear()
        assert walk(cast.office, {"status": "assigned"}, limit=2) == \
            expected(region, status="assigned")
        assert max(reads) <= 2  # one filter: its own index, no margin read
    finally:
        events.unregister("after-call.dynamodb", unique_id="all-cases-reads")


def test_rows_are_the_lists_summaries(cast, region):
    row = cast.office.ok("GET", "/api/v1/staff/cases?limit=1")["items"][0]
    assert row["id"] == region[0]["id"] and row["status"] == "assigned"
    assert row["unit_name"] == "示例县住建局" and "owner_id" not in row
    assert "contact_phone" not in row


@pytest.mark.parametrize("query, field", [
    ("status=lost", "status"), ("category=nonsense", "category"), (f"unit_id={'u' * 65}", "unit_id"),
    (f"deputy_id={'d' * 65}", "deputy_id"), ("from=2026-3-1", "from"), ("to=yesterday", "to"), ("from=0001-01-01", "from"),
    ("to=2026-02-30", "to"),
    ("from=2026-03-05&to=2026-03-01", "to"), ("limit=0", "limit"), ("limit=101", "limit"),
    ("cursor=forged", "cursor")])
def test_every_bad_filter_is_a_400_naming_it(cast, query, field):
    assert_error(cast.office.get(f"/api/v1/staff/cases?{query}"), 400, "validation_error", field)


def test_a_cursor_of_other_filters_is_refused(cast, region):
    page = cast.office.ok("GET", "/api/v1/staff/cases?status=assigned&limit=1")
    assert page["next_cursor"]
    assert_error(cast.office.get(f"/api/v1/staff/cases?status=closed&cursor={page['next_cursor']}"),
                 400, "validation_error", "cursor")


def test_units_deputies_and_citizens_may_not_list_all_cases(cast):
    case_id = cast.case_at("assigned")
    for caller in (cast.unit, cast.deputy(), cast.citizen()):
        assert_error(caller.get("/api/v1/staff/cases"), 403, "forbidden")
    assert_error(cast.anonymous.get("/api/v1/staff/cases"), 401, "unauthorized")
    assert [r["id"] for r in cast.office.ok("GET", "/api/v1/staff/cases")["items"]] == [case_id]


def test_another_regions_office_sees_none_of_these_cases(cast, region):
    from functions.identity import staff_accounts
    from functions.org import regions
    regions.create_region(region_id="east", name="东区")
    staff_accounts.create_account(username="office_east", password=PASSWORD, role="office",
                                  region_id="east")
    east = cast.staff("office_east")
    for args in ({}, {"unit_id": "u-housing"}, {"deputy_id": cast.deputy_id(0)},
                 {"status": "assigned"}):
        assert walk(east, args) == []


def test_the_nightly_recount_writes_older_cases_into_the_filter_indexes(cast):
    from functions.cases import repository
    from functions.reporting import recount
    from functions.storage import keys
    case_id = cast.case_at("assigned")
    old = ["gsi7pk", "gsi7sk", "gsi8pk", "gsi8sk", "gsi9pk", "gsi9sk", "gsi10pk", "gsi10sk"]
    BaseItem._get_connection().connection.client.update_item(  # as written by older code
        TableName=BaseItem.Meta.table_name, UpdateExpression="REMOVE " + ", ".join(old),
        Key={"pk": {"S": keys.case_pk(case_id)}, "sk": {"S": keys.META}})
    for args in ({"status": "assigned"}, {"unit_id": "u-housing"}):
        assert walk(cast.office, args) == []
    assert walk(cast.office, {}) == [case_id]  # the region's own index had it all along
    assert recount.recount_region("demo", now=clock.now())["status"] == "done"
    for args in ({"status": "assigned"}, {"unit_id": "u-housing"},
                 {"category": "city_construction"}, {"deputy_id": cast.deputy_id(0)}):
        assert walk(cast.office, args) == [case_id]
    version = repository.get(case_id)["version"]
    assert recount.recount_region("demo", now=clock.now())["status"] == "done"
    assert repository.get(case_id)["version"] == version  # up to date: not written again


@pytest.mark.parametrize("args, index", [
    ({}, "gsi6"), ({"from": "2026-03-03"}, "gsi6"), ({"status": "assigned"}, "gsi7"),
    ({"category": "agriculture"}, "gsi8"), ({"unit_id": "u-housing"}, "gsi9"),
    ({"deputy_id": "d"}, "gsi10"), ({"status": "closed", "category": "agriculture"}, "gsi8"),
    ({"status": "closed", "unit_id": "u-housing"}, "gsi9"),
    ({"category": "ecology", "unit_id": "u-housing", "deputy_id": "d"}, "gsi10")])
def test_each_filter_reads_its_own_index_and_a_combination_the_most_selective(
        cast, args, index):
    used = []

    def record(params, **_):
        used.append((params.get("IndexName"), "FilterExpression" in params))
    events = BaseItem._get_connection().connection.client.meta.events
    events.register("provide-client-params.dynamodb.Query", record, unique_id="all-cases-index")
    try:
        cast.office.ok("GET", f"/api/v1/staff/cases?{urlencode(args)}")
    finally:
        events.unregister("provide-client-params.dynamodb.Query", unique_id="all-cases-index")
    filters = len([k for k in args if k not in ("from", "to")])
    assert used == [(index, filters > 1)]  # one Query; the others filter what it reads
