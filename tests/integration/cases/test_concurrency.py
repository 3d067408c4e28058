"""Two people acting on one case at the same moment, over real HTTP: one wins, the other
gets a 409, and the case holds the winner's step only."""
import pytest

from tests.case_fixtures import (PASSWORD, at_once, live_cast, outcome)  # noqa: F401

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

LOST = {(409, "conflict"), (409, "invalid_transition")}


def winner_of(responses) -> int:
    """The index of the one 200; every other response lost with a 409."""
    outcomes = [outcome(r) for r in responses]
    won = [i for i, got in enumerate(outcomes) if got == (200, None)]
    assert len(won) == 1 and all(outcomes[i] in LOST for i in range(len(outcomes))
                                 if i not in won), outcomes
    return won[0]


def actions(case) -> list[str]:
    return [entry["action"] for entry in case["timeline"]]


def test_two_office_staff_assigning_one_case_at_once_leave_exactly_one_assignment(live_cast):
    case_id = live_cast.case_at("forwarded")
    live_cast.admin.ok("POST", "/api/v1/staff/accounts", 201, json={
        "username": "office2", "password": PASSWORD, "role": "office"})
    first, second = live_cast.office, live_cast.staff("office2")
    path = f"/api/v1/cases/{case_id}/assign"
    responses = at_once(lambda: first.post(path, json={"unit_id": "u-housing"}),
                        lambda: second.post(path, json={"unit_id": "u-transport"}))
    won = responses[winner_of(responses)].json()["case"]
    stored = live_cast.read(case_id)
    assert actions(stored).count("assign") == 1
    assert (stored["status"], stored["unit_id"], stored["timeline"]) == (
        "assigned", won["unit_id"], won["timeline"])
    winning_unit = live_cast.unit if won["unit_id"] == "u-housing" \
        else live_cast.other_unit("u-transport")
    signed = winning_unit.ok("POST", f"/api/v1/cases/{case_id}/sign")["case"]
    assert actions(signed)[-2:] == ["assign", "sign"]


def test_a_unit_signing_while_it_also_returns_the_case_never_loses_a_step_it_confirmed(
        live_cast):
    case_id = live_cast.case_at("assigned")
    desk, phone = live_cast.unit, live_cast.anonymous.as_staff("unit1")
    responses = at_once(
        lambda: desk.post(f"/api/v1/cases/{case_id}/sign"),
        lambda: phone.post(f"/api/v1/cases/{case_id}/return", json={"reason": "非本单位职责"}))
    # Either may win; signing after a return finds the case gone from the unit (403), and
    # returning after a sign is allowed, so both may succeed one after the other.
    outcomes = [outcome(r) for r in responses]
    assert outcomes[0] in {(200, None), (409, "conflict"), (403, "forbidden")}, outcomes
    assert outcomes[1] in {(200, None), (409, "conflict")}, outcomes
    confirmed = [r.json()["case"] for r in responses if r.status_code == 200]
    assert confirmed, outcomes
    last = max(confirmed, key=lambda c: len(c["timeline"]))
    stored = live_cast.read(case_id)
    assert stored["timeline"] == last["timeline"]
    assert sorted(actions(stored)[4:]) == sorted(c["timeline"][-1]["action"] for c in confirmed)
    assert stored["status"] == {"sign": "in_progress", "return": "forwarded"}[actions(stored)[-1]]


def test_a_citizen_withdrawing_while_the_deputy_accepts_ends_with_only_one_of_them(live_cast):
    case_id = live_cast.case_at("submitted")
    citizen, deputy = live_cast.citizen(), live_cast.deputy()
    responses = at_once(lambda: citizen.post(f"/api/v1/cases/{case_id}/withdraw"),
                        lambda: deputy.post(f"/api/v1/cases/{case_id}/accept"))
    won = winner_of(responses)
    stored = live_cast.read(case_id)
    assert actions(stored) == ["submit", ("withdraw", "accept")[won]]
    assert stored["status"] == ("withdrawn", "accepted")[won]


def test_urges_racing_on_one_case_are_each_recorded_once_or_refused_never_lost(live_cast):
    case_id = live_cast.case_at("assigned")
    office = live_cast.office
    responses = at_once(*[lambda n=n: office.post(f"/api/v1/cases/{case_id}/urge",
                                                  json={"note": f"督办第{n}次"})
                          for n in range(6)])
    outcomes = [outcome(r) for r in responses]
    accepted = [r.json()["case"] for r in responses if r.status_code == 200]
    assert accepted and all(got in {(200, None), (409, "conflict")} for got in outcomes), outcomes
    stored = live_cast.read(case_id)
    notes = sorted(e["note"] for e in stored["timeline"] if e["action"] == "urge")
    assert notes == sorted(c["timeline"][-1]["note"] for c in accepted)
    assert stored["status"] == "assigned"
