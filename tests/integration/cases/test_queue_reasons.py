"""The office's queue says why each case is there; a unit's queue has 待签收 / 办理中 / 已办结."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.shared import clock
from tests.case_fixtures import assert_error, cast  # noqa: F401

pytestmark = pytest.mark.integration

START = datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc)


def reasons(caller, path="/api/v1/staff/queue") -> dict:
    return {row["id"]: row["reason"] for row in caller.ok("GET", path)["items"]}


def rate(cast, case_id, rating="unsatisfied"):
    cast.citizen().ok("POST", f"/api/v1/cases/{case_id}/rating", json={"rating": rating})


def answer_again(cast, case_id):
    cast.step(case_id, "sign")
    cast.step(case_id, "answer")


def test_each_way_into_the_office_queue_has_its_reason(cast):
    clock.set_now(START)
    forwarded = cast.case_at("forwarded")
    returned = cast.case_at("assigned")
    cast.unit.ok("POST", f"/api/v1/cases/{returned}/return", json={"reason": "非本单位职责"})
    unsatisfied = cast.case_at("replied")
    rate(cast, unsatisfied)
    past_limit = cast.case_at("answered")
    rate(cast, past_limit)  # back to the unit: once
    answer_again(cast, past_limit)
    rate(cast, past_limit)  # twice
    answer_again(cast, past_limit)
    rate(cast, past_limit)  # the limit: the office decides
    held = cast.submit(content="有人在村口聚众赌博，请管一管")["id"]
    assert reasons(cast.office) == {
        forwarded: "new_forward", returned: "unit_returned", unsatisfied: "unsatisfied",
        past_limit: "rehandle_limit", held: "new_submission"}
    assert reasons(cast.office, "/api/v1/staff/queue?status=forwarded")[returned] == \
        "unit_returned"


def test_a_case_the_office_assigns_again_after_a_return_is_a_new_assignment(cast):
    clock.set_now(START)
    case_id = cast.case_at("assigned")
    cast.unit.ok("POST", f"/api/v1/cases/{case_id}/return", json={"reason": "非本单位职责"})
    cast.step(case_id, "assign")
    assert reasons(cast.unit) == {case_id: "new_assignment"}


def test_a_units_queue_tells_a_rehandle_from_a_new_assignment(cast):
    clock.set_now(START)
    fresh, again = cast.case_at("assigned"), cast.case_at("answered")
    rate(cast, again)
    assert reasons(cast.unit) == {fresh: "new_assignment", again: "rehandle"}


def test_a_units_tabs_hold_what_waits_to_be_signed_what_it_handles_and_what_it_answered(cast):
    made = {}
    for minute, status in enumerate(("answered", "assigned", "in_progress", "closed",
                                     "answered")):
        clock.set_now(START + timedelta(minutes=minute))
        made.setdefault(status, []).append(cast.case_at(status))
    cast.case_at("forwarded")
    unit = cast.unit

    def tab(name, extra=""):
        return [r["id"] for r in unit.ok("GET", f"/api/v1/staff/queue?tab={name}{extra}")["items"]]
    assert tab("assigned") == made["assigned"]
    assert tab("in_progress") == made["in_progress"]
    newest_answer_first = [made["answered"][1], made["closed"][0], made["answered"][0]]
    assert tab("done") == newest_answer_first
    first = unit.ok("GET", "/api/v1/staff/queue?tab=done&limit=2")
    rest = unit.ok("GET", f"/api/v1/staff/queue?tab=done&limit=2&cursor={first['next_cursor']}")
    assert [r["id"] for r in first["items"] + rest["items"]] == newest_answer_first
    assert rest["next_cursor"] is None
    assert [r["id"] for r in cast.other_unit().ok(
        "GET", "/api/v1/staff/queue?tab=done")["items"]] == []


def test_a_tab_is_a_units_and_one_of_three(cast):
    assert_error(cast.office.call("GET", "/api/v1/staff/queue?tab=done"), 403, "forbidden")
    assert_error(cast.unit.call("GET", "/api/v1/staff/queue?tab=everything"), 400,
                 "validation_error", "tab")


def test_a_stations_case_stays_a_new_submission_when_the_office_takes_it_in(cast):
    from functions.cases import handling
    from functions.org import stations
    from tests.case_fixtures import case_body
    clock.set_now(START)
    office = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}
    code = stations.add_station(actor=office, name="城关镇代表联络站")["entry_code"]
    case_id = cast.citizen().ok("POST", "/api/v1/cases", 201, json=case_body(code),
                                headers={"Idempotency-Key": "station-1"})["case"]["id"]
    assert reasons(cast.office) == {case_id: "new_submission"}
    for action in ("accept", "forward"):
        handling.act(case_id=case_id, action=action, actor=office, now=START)
    assert reasons(cast.office) == {case_id: "new_submission"}
