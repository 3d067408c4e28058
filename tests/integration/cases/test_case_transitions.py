"""The case state machine over HTTP: allowed moves, refused moves and the rehandle limit."""
import pytest

from tests.case_fixtures import assert_error, cast, outcome  # noqa: F401

pytestmark = pytest.mark.integration


def rate(cast, case_id, rating, comment=None):
    return cast.step(case_id, "rating", body={"rating": rating, "comment": comment})


def test_moves_the_state_machine_does_not_allow_are_409_invalid_transition(cast):
    at = {s: cast.case_at(s) for s in ("submitted", "accepted", "forwarded", "assigned",
                                       "closed")}
    before = {status: cast.read(case_id) for status, case_id in at.items()}
    deputy, office, unit, citizen = cast.deputy(), cast.office, cast.unit, cast.citizen()
    moves = {
        "answer before sign": (unit, "assigned", "answer", {"content": "已办结"}),
        "withdraw after accept": (citizen, "accepted", "withdraw", None),
        "rate a submitted case": (citizen, "submitted", "rating", {"rating": "satisfied"}),
        "assign a submitted case": (office, "submitted", "assign", {"unit_id": "u-housing"}),
        "reply before accept": (deputy, "submitted", "reply",
                                {"content": "答复", "resolution": "policy_answer"}),
        "accept twice": (deputy, "accepted", "accept", None),
        "reject an assigned case": (office, "assigned", "reject", {"reason": "不予受理"}),
        "rate a closed case again": (citizen, "closed", "rating", {"rating": "unsatisfied"}),
        "urge a closed case": (office, "closed", "urge", {"note": "请尽快"}),
        "urge a case no unit holds": (office, "forwarded", "urge", {"note": "请尽快"}),
    }
    seen = {label: outcome(caller.post(f"/api/v1/cases/{at[status]}/{action}", json=body))
            for label, (caller, status, action, body) in moves.items()}
    assert seen == {label: (409, "invalid_transition") for label in moves}
    assert {status: cast.read(case_id) for status, case_id in at.items()} == before


def test_a_citizen_can_withdraw_a_case_before_the_deputy_accepts_it(cast):
    case_id = cast.case_at("submitted")
    withdrawn = cast.step(case_id, "withdraw")
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["timeline"][-1]["action"] == "withdraw"
    assert_error(cast.deputy().post(f"/api/v1/cases/{case_id}/accept"), 409, "invalid_transition")
    assert cast.deputy().ok("GET", "/api/v1/deputy/inbox?status=submitted")["items"] == []


def test_a_rejection_and_its_reason_are_on_the_timeline_the_citizen_sees(cast):
    case_id = cast.case_at("submitted")
    cast.step(case_id, "reject", body={"reason": "属于法院诉讼事项，请通过司法途径解决"})
    seen = cast.read(case_id, cast.citizen())
    assert seen["status"] == "rejected"
    assert (seen["timeline"][-1]["action"], seen["timeline"][-1]["note"]) == (
        "reject", "属于法院诉讼事项，请通过司法途径解决")


def test_the_office_may_reject_a_forwarded_case_with_a_reason(cast):
    case_id = cast.case_at("forwarded")
    rejected = cast.office.ok("POST", f"/api/v1/cases/{case_id}/reject",
                              json={"reason": "重复件，已并入前案办理"})["case"]
    assert rejected["status"] == "rejected"
    assert (rejected["timeline"][-1]["actor_role"], rejected["timeline"][-1]["note"]) == (
        "office", "重复件，已并入前案办理")


def test_an_unsatisfied_rating_of_a_deputys_reply_forwards_the_case_to_the_office(cast):
    case_id = cast.case_at("replied")
    forwarded = rate(cast, case_id, "unsatisfied", "答复没有解决问题")
    assert (forwarded["status"], forwarded["rehandle_count"]) == ("forwarded", 0)
    queue = cast.office.ok("GET", "/api/v1/staff/queue?status=forwarded")["items"]
    assert [c["id"] for c in queue] == [case_id]


def test_a_satisfied_rating_of_a_deputys_reply_closes_the_case(cast):
    case_id = cast.case_at("replied")
    closed = rate(cast, case_id, "basically_satisfied")
    assert closed["status"] == "closed" and closed["rating"]["rating"] == "basically_satisfied"


def test_after_two_unsatisfied_ratings_of_an_answer_the_third_sends_the_case_to_the_office(cast):
    case_id = cast.case_at("answered")
    after = []
    for _ in range(3):
        case = rate(cast, case_id, "unsatisfied", "还是没修好")
        after.append((case["status"], case["rehandle_count"]))
        if case["status"] == "assigned":
            cast.step(case_id, "sign")
            cast.step(case_id, "answer")
    assert after == [("assigned", 1), ("assigned", 2), ("forwarded", 2)]
    assert [c["id"] for c in cast.office.ok(
        "GET", "/api/v1/staff/queue?status=forwarded")["items"]] == [case_id]
    assert cast.unit.ok("GET", "/api/v1/staff/queue")["items"] == []



def test_a_unit_returning_a_case_gets_200_and_the_case_goes_back_to_the_office(cast):
    case_id = cast.case_at("assigned")
    returned = cast.unit.post(f"/api/v1/cases/{case_id}/return", json={"reason": "非本单位职责"})
    assert returned.status_code == 200, returned.get_json()
    case = returned.get_json()["case"]
    assert (case["status"], case["unit_id"], case["timeline"][-1]["note"]) == (
        "forwarded", None, "非本单位职责")
    assert [c["id"] for c in cast.office.ok("GET", "/api/v1/staff/queue?status=forwarded")[
        "items"]] == [case_id]
    assert cast.unit.ok("GET", "/api/v1/staff/queue")["items"] == []
