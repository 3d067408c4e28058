"""Store calls per request, counted with botocore hooks on the real local store.

No request path and no scheduled function may Scan; a mini-program request may need at
most three store calls itself (what follows a case write — counters and immediate
delivery, functions/cases/after_write.py — is counted apart). The figures themselves are
printed by `make bench` (benchmarks/store_calls.py).
"""
import os
import re
from datetime import datetime, timezone

import pytest

from benchmarks.endpoint_tour import scheduled_tour, tour
from benchmarks.harness import bench_settings, seeded_table
from benchmarks.store_calls import MAX_MINI_CALLS
from functions.shared import clock
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration

CONTRACT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "docs",
                        "api-contract.md")
MINI_PROGRAM = (
    "POST /api/v1/auth/wechat", "GET /api/v1/entry/{entry_code}", "POST /api/v1/uploads",
    "POST /api/v1/uploads (same key again)", "POST /api/v1/uploads (no key)",
    "POST /api/v1/cases", "POST /api/v1/cases (same key again)", "GET /api/v1/cases/mine",
    "POST /api/v1/auth/phone", "GET /api/v1/cases/mine (both doors)",
    "GET /api/v1/cases/{id}", "POST /api/v1/cases/{id}/withdraw",
    "POST /api/v1/cases/{id}/rating", "POST /api/v1/subscriptions",
    "GET /api/v1/public/cases", "GET /api/v1/deputy/inbox", "POST /api/v1/cases/{id}/accept",
    "POST /api/v1/cases/{id}/reply", "POST /api/v1/cases/{id}/forward",
    "POST /api/v1/cases/{id}/reject", "POST /api/v1/deputy/bind", "GET /q/{entry_code}",
)
# Over the limit and reported for a decision, not accepted: strict, so a fix shows up.
# Mini-program endpoints allowed over the limit, each with the reason (none today:
# deputy binding came down from 6 calls to 3 with one conditional claim of the deputy).
OVER_LIMIT: dict[str, str] = {
    "POST /api/v1/cases (cold process)": "a process that has not read the region in the last "
    "minute reads it (with the calendar) between the caller's read and the limits' write: 4 "
    "calls, with photos or not; 3 while the region is kept (the limits moved into the "
    "request from after the write, and the photos of the day are claimed in that same "
    "conditional write)",
}


TOUR_AT = datetime(2026, 3, 10, 3, 0, tzinfo=timezone.utc)  # a Tuesday, 11:00 in Beijing


@pytest.fixture(scope="module")
def figures(store_port, tmp_path_factory):
    """Every endpoint and scheduled function once, on a table of its own, at a fixed
    working-day moment: an upload and the submit that attaches it fall on one UTC day
    (claims live on the day's item) whenever the suite runs."""
    from miniprogram_api import create_app
    clock.set_now(TOUR_AT)
    try:
        settings = bench_settings(store_port, str(tmp_path_factory.mktemp("calls")),
                                  SECRET_KEY="test-secret")
        seeded = seeded_table(settings)
        client = create_app(settings).test_client()
        with StoreCallCounter() as counter:
            rows = tour(client, seeded, counter) + scheduled_tour(counter)
    finally:
        clock.set_now(None)
    return {row["endpoint"]: row for row in rows}


def test_no_request_path_issues_a_scan(figures):
    scans = {name: row["request"]["ops"] + row["after_write"]["ops"] + row["delivery"]["ops"]
             for name, row in figures.items() if row["scans"]}
    assert scans == {}


def test_no_scheduled_function_issues_a_scan(figures):
    scheduled = [row for row in figures.values() if row["audience"] == "scheduled"]
    assert [row["endpoint"] for row in scheduled] == [
        "functions.cases.sweep", "functions.notifications.drain", "functions.reporting.recount"]
    assert all(row["request"]["calls"] + row["delivery"]["calls"] > 0 and row["scans"] == 0
               for row in scheduled)
    assert scheduled[0]["result"]["reminders"] > 0  # the sweep really had work to do


@pytest.mark.parametrize("endpoint", [
    *(name for name in MINI_PROGRAM if name not in OVER_LIMIT),
    *(pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=why))
      for name, why in OVER_LIMIT.items())])
def test_a_mini_program_request_needs_at_most_three_store_calls(figures, endpoint):
    row = figures[endpoint]
    assert row["request"]["calls"] <= MAX_MINI_CALLS, row["request"]["ops"]


def test_a_phone_check_reads_the_caller_with_its_window_then_claims_and_points(figures):
    """Three calls, no transaction: the phone user is claimed before the caller points at it."""
    assert figures["POST /api/v1/auth/phone"]["request"]["ops"] == [
        "BatchGetItem THROTTLE+USER", "UpdateItem USER", "UpdateItem USER"]
    assert figures["GET /api/v1/cases/mine (both doors)"]["request"]["ops"] == [
        "GetItem USER", "Query OWNER[gsi1]", "Query OWNER[gsi1]"]


def test_every_call_reports_its_consumed_capacity(figures):
    reads = figures["GET /api/v1/cases/{id}"]["request"]
    assert reads["ops"] == ["BatchGetItem CASE+USER"] and reads["capacity"] > 0


def test_the_caller_is_read_in_the_same_call_as_what_the_request_reads(figures):
    """Roles come from the store at every request, without costing a call of their own."""
    assert figures["POST /api/v1/cases/{id}/accept"]["request"]["ops"] == [
        "BatchGetItem CASE+USER", "PutItem CASE"]
    assert figures["POST /api/v1/cases"]["request"]["ops"][0] == "BatchGetItem CASE+ENTRY+USER"
    assert figures["POST /api/v1/cases (same key again)"]["request"]["ops"] == [
        "BatchGetItem CASE+ENTRY+USER"]  # a retry: answered from the caller's read
    assert figures["POST /api/v1/subscriptions"]["request"]["ops"][0] == "Query USER"
    assert figures["POST /api/v1/deputy/bind"]["request"]["ops"][0] == \
        "BatchGetItem BIND+THROTTLE+USER"


def test_a_submit_costs_at_most_four_times_a_case_read(figures):
    """Issue 18: the request and what follows its write (delivery is the stream's or the
    worker's). The caller, the entry and the case a retry would find in one read, the
    region (kept 30 s per process: a cold process reads it, with the calendar), the
    case, both submission limits and the claim of the case's photo (uploaded the same
    day) in one conditional write, the counters in one."""
    submit, read = figures["POST /api/v1/cases"], figures["GET /api/v1/cases/{id}"]
    own = submit["request"]["calls"] + submit["after_write"]["calls"]
    assert own <= 4 * read["request"]["calls"], \
        submit["request"]["ops"] + submit["after_write"]["ops"]
    assert submit["request"]["ops"] == [
        "BatchGetItem CASE+ENTRY+USER", "UpdateItem THROTTLE", "PutItem CASE"]
    assert submit["after_write"]["ops"] == ["UpdateItem COUNTERS"]
    cold = figures["POST /api/v1/cases (cold process)"]["request"]["ops"]
    assert cold == ["BatchGetItem CASE+ENTRY+USER", "BatchGetItem CALENDAR+REGION",
                    "UpdateItem THROTTLE", "PutItem CASE"]
    retry = figures["POST /api/v1/cases (same key again)"]["request"]["ops"]
    assert retry == ["BatchGetItem CASE+ENTRY+USER"]  # answered from the read: nothing counted


def test_an_upload_with_a_key_costs_no_call_more_and_its_retry_one(figures):
    """The file a key made is read with the caller; the FILE item's write, conditional
    already, is what parallel tries of the key race on (functions/cases/upload_retries.py)."""
    assert figures["POST /api/v1/uploads (no key)"]["request"]["ops"] == [
        "GetItem USER", "UpdateItem THROTTLE", "PutItem FILE"]
    assert figures["POST /api/v1/uploads"]["request"]["ops"] == [
        "BatchGetItem FILE+USER", "UpdateItem THROTTLE", "PutItem FILE"]
    retry = figures["POST /api/v1/uploads (same key again)"]["request"]["ops"]
    assert retry == ["BatchGetItem FILE+USER"]  # answered from the read: nothing counted


def test_staff_lists_read_the_caller_and_one_query_page(figures):
    """All cases: the caller, the region (a category is checked against its list; kept a
    minute per process) and one bounded Query whatever the filters; units and deputies:
    the caller and one Query."""
    assert figures["GET /api/v1/staff/cases"]["request"]["ops"] == [
        "GetItem STAFF", "BatchGetItem CALENDAR+REGION", "Query REGION[gsi10]"]
    assert figures["GET /api/v1/staff/units"]["request"]["ops"] == [
        "GetItem STAFF", "Query REGION[gsi1]"]
    assert figures["GET /api/v1/staff/deputies"]["request"]["ops"] == [  # of one level
        "GetItem STAFF", "Query REGION[gsi2]"]


def test_an_extension_request_and_its_decision_read_the_case_once_and_write_it_once(figures):
    """Each is one move of the case: the case and the caller in one read, one conditional
    put; the decision may read the official calendar (cached per process) for working days."""
    assert figures["POST /api/v1/cases/{id}/extension"]["request"]["ops"] == [
        "BatchGetItem CASE+STAFF", "PutItem CASE"]
    decision = figures["POST /api/v1/cases/{id}/extension/decision"]["request"]["ops"]
    assert decision[0] == "BatchGetItem CASE+STAFF" and decision[-1] == "PutItem CASE"
    assert len(decision) <= 3, decision
    assert figures["POST /api/v1/cases/{id}/answer (office)"]["request"]["ops"] == [
        "BatchGetItem CASE+STAFF", "PutItem CASE"]


def test_a_deputys_first_reply_or_forward_makes_its_duty_record_in_four_calls(figures):
    """The voter_contact record after the case write (functions/duty/automatic.py): the
    deputy, its year's and term's tallies and the region's duty rules in one read (the
    rules every time, so a change saved by any process applies to the next record); the
    record; one conditional write per tally, its points and score keys at once (7 calls
    before: the deputy, the rules, the record, an ADD and a score move per tally)."""
    duty = ["BatchGetItem DEPUTY+DUTYRULES+DUTYTALLY", "PutItem DUTY", "UpdateItem DUTYTALLY",
            "UpdateItem DUTYTALLY"]
    assert figures["POST /api/v1/cases/{id}/reply"]["after_write"]["ops"] == [
        "UpdateItem COUNTERS", *duty]
    assert figures["POST /api/v1/cases/{id}/forward"]["after_write"]["ops"] == [
        "UpdateItem COUNTERS", *duty]


def contract_endpoints(text: str) -> list[str]:
    """Every `METHOD /path` of the contract's tables, the ` · .../tail` alternates included
    (a tail replaces the last segment of the path before it)."""
    found = []
    for cell in re.findall(r"^\| ((?:GET|POST) /[^|]+?) \|", text, re.M):
        method, path = None, None
        for part in cell.split(" · "):
            words = part.strip().split()
            if words and words[0] in ("GET", "POST"):
                method, words = words[0], words[1:]
            if not words:
                continue
            tail = words[0]
            if tail.startswith(".../"):
                path = path.rsplit("/", 1)[0] + tail[3:]
            else:
                path = tail
            found.append(f"{method} {path}")
    return found


# Contract rows whose route is not built yet, each with the issue that builds it. Strict:
# an endpoint that gets built fails here until it joins the tour and leaves this list.
NOT_BUILT = {
}


def _contract():
    if not os.path.exists(CONTRACT):
        if os.environ.get("CI"):
            raise AssertionError(f"{CONTRACT} is missing: CI has shared/docs beside the project")
        return []
    with open(CONTRACT, encoding="utf-8") as handle:
        return sorted({re.sub(r"\{[^}]+\}", "{}", e) for e in contract_endpoints(handle.read())})


def test_the_contract_parser_reads_alternates_and_tails():
    row = "| POST /api/v1/staff/deputies/{id}/bind-code · .../deactivate | admin | x |\n"
    assert contract_endpoints(row) == ["POST /api/v1/staff/deputies/{id}/bind-code",
                                       "POST /api/v1/staff/deputies/{id}/deactivate"]
    row = "| GET /api/v1/staff/units · GET /api/v1/staff/deputies | office | x |\n"
    assert contract_endpoints(row) == ["GET /api/v1/staff/units", "GET /api/v1/staff/deputies"]


@pytest.mark.parametrize("endpoint", [
    pytest.param(e, marks=pytest.mark.xfail(strict=True, reason=f"not built: {NOT_BUILT[e]}"))
    if e in NOT_BUILT else e for e in _contract()])
def test_every_endpoint_of_the_contract_is_measured(figures, endpoint):
    measured = {re.sub(r"\{[^}]+\}", "{}", name) for name in figures}
    assert endpoint in measured


def test_sweep_inbox_dashboard_and_public_list_stay_flat_as_cases_grow():
    """benchmarks/growth.py at 40, 100 and 400 cases (make bench: 1k, 10k, 50k); three
    sizes of 20 due cases each, enough for an SMS queue that outlived its hour to show."""
    from benchmarks.growth import FLAT, measure
    result = measure([40, 100, 400], due=20, progress=lambda _: None)
    sweeps = [r for r in result["rows"] if r["operation"] == "reminder sweep"]
    assert all(r["calls"] > 4 for r in sweeps)  # it found and handled the due cases
    # it read only what was due: each size's 20 new due cases, none of the rest
    assert [s["cases_read"] for s in result["sweeps"]] == [20, 20, 20]
    assert result["flat"] == {name: True for name in FLAT}
    # The reconcile reads every case (one page at these sizes) but finds the clones up to
    # date, list rows, filter entries and duty records alike: no store call per case.
    reconcile = [r["calls"] for r in result["rows"] if r["operation"] == "reconcile (whole region)"]
    assert max(reconcile) - min(reconcile) <= 10, reconcile
