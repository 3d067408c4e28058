"""The office answers a forwarded case itself (product.md step 4), over HTTP."""
import pytest

from functions.identity import staff_accounts
from functions.org import regions
from tests.case_fixtures import PASSWORD, assert_error, cast, outcome  # noqa: F401

pytestmark = pytest.mark.integration


def office_answer(cast, case_id, content="经协调，路灯已由城管局修复。"):
    return cast.office.post(f"/api/v1/cases/{case_id}/answer", json={"content": content})


def rate(cast, case_id, rating):
    return cast.step(case_id, "rating", body={"rating": rating})


def test_the_office_answers_a_forwarded_case_and_the_citizen_sees_it_answered(cast):
    case_id = cast.case_at("forwarded")
    response = office_answer(cast, case_id)
    assert response.status_code == 200, response.get_json()
    case = response.get_json()["case"]
    last = case["timeline"][-1]
    assert (case["status"], case["answered_by"], case["unit_id"]) == ("answered", "office", None)
    assert (last["action"], last["actor_role"], last["actor_name"], last["note"]) == (
        "answer", "office", "人大办", "经协调，路灯已由城管局修复。")
    assert list(case["deadlines"]) == ["rate"]
    seen = cast.read(case_id, cast.citizen())
    assert seen["status"] == "answered" and "rate" in seen["actions"]
    assert cast.office.ok("GET", "/api/v1/staff/queue?status=forwarded")["items"] == []


def test_a_satisfied_citizen_closes_a_case_the_office_answered(cast):
    case_id = cast.case_at("forwarded")
    office_answer(cast, case_id)
    assert rate(cast, case_id, "satisfied")["status"] == "closed"


def test_unsatisfied_with_the_offices_answer_sends_the_case_back_to_the_office(cast):
    case_id = cast.case_at("forwarded")
    office_answer(cast, case_id)
    case = rate(cast, case_id, "unsatisfied")
    assert (case["status"], case["rehandle_count"], case["unit_id"]) == ("forwarded", 0, None)
    assert [c["id"] for c in cast.office.ok(
        "GET", "/api/v1/staff/queue?status=forwarded")["items"]] == [case_id]
    # The office may then assign it to a unit, whose answer is rated as a unit's again.
    cast.step(case_id, "assign")
    cast.step(case_id, "sign")
    assert cast.step(case_id, "answer")["answered_by"] == "unit"
    assert rate(cast, case_id, "unsatisfied")["status"] == "assigned"


def test_the_office_answers_a_case_the_rehandle_limit_sent_back(cast):
    case_id = cast.case_at("answered")
    for _ in range(2):
        rate(cast, case_id, "unsatisfied")
        cast.step(case_id, "sign")
        cast.step(case_id, "answer")
    assert rate(cast, case_id, "unsatisfied")["status"] == "forwarded"
    assert office_answer(cast, case_id).get_json()["case"]["status"] == "answered"
    case = rate(cast, case_id, "unsatisfied")
    assert (case["status"], case["rehandle_count"]) == ("forwarded", 2)


def test_only_the_office_of_the_region_answers_and_only_a_forwarded_case(cast):
    forwarded, in_progress = cast.case_at("forwarded"), cast.case_at("in_progress")
    regions.create_region(region_id="east", name="东区")
    staff_accounts.create_account(username="office_east", password=PASSWORD, role="office",
                                  region_id="east")
    body = {"json": {"content": "答复"}}
    seen = {
        "office of another region": outcome(cast.staff("office_east").post(
            f"/api/v1/cases/{forwarded}/answer", **body)),
        "office on a unit's case": outcome(cast.office.post(
            f"/api/v1/cases/{in_progress}/answer", **body)),
        "unit on a forwarded case": outcome(cast.unit.post(
            f"/api/v1/cases/{forwarded}/answer", **body)),
        "admin": outcome(cast.admin.post(f"/api/v1/cases/{forwarded}/answer", **body)),
        "citizen": outcome(cast.citizen().post(f"/api/v1/cases/{forwarded}/answer", **body)),
    }
    assert seen == {who: (403, "forbidden") for who in seen}
    assert "answer" not in cast.read(in_progress)["actions"]
    assert "answer" in cast.read(forwarded)["actions"]
    assert_error(cast.office.post(f"/api/v1/cases/{forwarded}/answer", json={"content": " "}),
                 400, "validation_error", "content")
    assert cast.read(forwarded)["status"] == "forwarded"
