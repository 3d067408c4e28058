"""Store calls per request, counted with botocore hooks on the real local store.

No request path and no scheduled function may Scan; a mini-program request may need at
most three store calls itself (what follows a case write — counters and immediate
delivery, functions/after_write.py — is counted apart). The figures themselves are
printed by `make bench` (benchmarks/store_calls.py).
"""
import os
import re

import pytest

from benchmarks.endpoint_tour import scheduled_tour, tour
from benchmarks.harness import bench_settings, seeded_table
from benchmarks.store_calls import MAX_MINI_CALLS
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration

CONTRACT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "docs",
                        "api-contract.md")
MINI_PROGRAM = (
    "POST /api/v1/auth/wechat", "GET /api/v1/entry/{entry_code}", "POST /api/v1/uploads",
    "POST /api/v1/cases", "POST /api/v1/cases (same key again)", "GET /api/v1/cases/mine",
    "GET /api/v1/cases/{id}", "POST /api/v1/cases/{id}/withdraw",
    "POST /api/v1/cases/{id}/rating", "POST /api/v1/subscriptions",
    "GET /api/v1/public/cases", "GET /api/v1/deputy/inbox", "POST /api/v1/cases/{id}/accept",
    "POST /api/v1/cases/{id}/reply", "POST /api/v1/cases/{id}/forward",
    "POST /api/v1/cases/{id}/reject", "POST /api/v1/deputy/bind", "GET /q/{entry_code}",
)
# Over the limit and reported for a decision, not accepted: strict, so a fix shows up.
# Mini-program endpoints allowed over the limit, each with the reason (none today:
# deputy binding came down from 6 calls to 3 with one conditional claim of the deputy).
OVER_LIMIT: dict[str, str] = {}


@pytest.fixture(scope="module")
def figures(store_port, tmp_path_factory):
    """Every endpoint and scheduled function once, on a table of its own."""
    from miniprogram_api import create_app
    settings = bench_settings(store_port, str(tmp_path_factory.mktemp("calls")),
                              SECRET_KEY="test-secret")
    seeded = seeded_table(settings)
    client = create_app(settings).test_client()
    with StoreCallCounter() as counter:
        rows = tour(client, seeded, counter) + scheduled_tour(counter)
    return {row["endpoint"]: row for row in rows}


def test_no_request_path_issues_a_scan(figures):
    scans = {name: row["request"]["ops"] + row["after_write"]["ops"]
             for name, row in figures.items() if row["scans"]}
    assert scans == {}


def test_no_scheduled_function_issues_a_scan(figures):
    scheduled = [row for row in figures.values() if row["audience"] == "scheduled"]
    assert [row["endpoint"] for row in scheduled] == [
        "functions.reminders", "functions.notify", "functions.reconcile"]
    assert all(row["request"]["calls"] > 0 and row["scans"] == 0 for row in scheduled)
    assert scheduled[0]["result"]["reminders"] > 0  # the sweep really had work to do


@pytest.mark.parametrize("endpoint", [
    *MINI_PROGRAM,
    *(pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=why))
      for name, why in OVER_LIMIT.items())])
def test_a_mini_program_request_needs_at_most_three_store_calls(figures, endpoint):
    row = figures[endpoint]
    assert row["request"]["calls"] <= MAX_MINI_CALLS, row["request"]["ops"]


def test_every_call_reports_its_consumed_capacity(figures):
    reads = figures["GET /api/v1/cases/{id}"]["request"]
    assert reads["ops"] == ["BatchGetItem CASE+USER"] and reads["capacity"] > 0


def test_the_caller_is_read_in_the_same_call_as_what_the_request_reads(figures):
    """Roles come from the store at every request, without costing a call of their own."""
    assert figures["POST /api/v1/cases/{id}/accept"]["request"]["ops"] == [
        "BatchGetItem CASE+USER", "PutItem CASE"]
    assert figures["POST /api/v1/cases"]["request"]["ops"][0] == "BatchGetItem ENTRY+THROTTLE+USER"
    assert figures["POST /api/v1/subscriptions"]["request"]["ops"][0] == "Query USER"
    assert figures["POST /api/v1/deputy/bind"]["request"]["ops"][0] == \
        "BatchGetItem BIND+THROTTLE+USER"


def test_every_endpoint_of_the_contract_is_measured(figures):
    if not os.path.exists(CONTRACT):
        pytest.skip("shared/docs/api-contract.md is not beside the project")
    with open(CONTRACT, encoding="utf-8") as handle:
        listed = re.findall(r"^\| (GET|POST) (/\S+) \|", handle.read(), re.M)
    measured = {re.sub(r"\{[^}]+\}", "{}", name) for name in figures}
    missing = [f"{m} {p}" for m, p in listed
               if re.sub(r"\{[^}]+\}", "{}", f"{m} {p}") not in measured]
    assert missing == []


def test_sweep_inbox_dashboard_and_public_list_stay_flat_as_cases_grow():
    """benchmarks/growth.py at 40 and 400 cases (make bench: 1k, 10k, 50k)."""
    from benchmarks.growth import FLAT, measure
    result = measure([40, 400], due=3, progress=lambda _: None)
    sweeps = [r for r in result["rows"] if r["operation"] == "reminder sweep"]
    assert all(r["calls"] > 4 for r in sweeps)  # it found and handled the due cases
    assert result["flat"] == {name: True for name in FLAT}
