"""Who votes is fixed when the vote opens: the roll is the region's active deputies at
that moment, `eligible` its size. A deputy registered or reactivated during the vote
does not vote in it; one deactivated during it votes no more, keeps the ballot already
cast and stays on the roll, so no change of deputies moves the threshold mid-vote."""
import pytest

from functions.deputies import admin as deputy_admin
from tests.case_fixtures import assert_error
from tests.integration.projects_cast import pcast  # noqa: F401

pytestmark = pytest.mark.integration
OFFICE = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}
NEWCOMER = {"name": "孙晓明", "phone": "13800000006", "level": "county"}


def ballot(pcast, round_id: str, deputy: int, choices: list[str]):
    return pcast.deputy(deputy).post(f"/api/v1/project-rounds/{round_id}/ballot",
                                     json={"choices": choices})


def turnout(pcast, round_id: str) -> tuple[int, int]:
    figures = pcast.office.ok(
        "GET", f"/api/v1/staff/project-rounds/{round_id}/turnout")["turnout"]
    return figures["eligible"], figures["ballots"]


def test_a_deputy_registered_during_the_vote_does_not_vote_in_it(pcast):
    round_id, ids = pcast.round_in("voting")
    pcast.seeded_deputies.append(pcast.office.ok(
        "POST", "/api/v1/staff/deputies", 201, json=NEWCOMER)["deputy"])
    assert_error(ballot(pcast, round_id, 5, [ids[0]]), 403, "forbidden")
    mine = pcast.read_round(round_id, pcast.deputy(5))["mine"]
    assert mine["on_roll"] is False and mine["voted"] is False
    assert pcast.read_round(round_id, pcast.deputy(0))["mine"]["on_roll"] is True
    assert turnout(pcast, round_id) == (5, 0)

    later, later_ids = pcast.round_in("voting")  # the next vote has them on its roll
    assert ballot(pcast, later, 5, [later_ids[0]]).status_code == 200
    assert turnout(pcast, later) == (6, 1)


def test_a_deputy_deactivated_during_the_vote_keeps_the_ballot_cast_and_the_roll_stays(
        pcast):
    round_id, ids = pcast.round_in("voting")
    for deputy in range(3):
        assert ballot(pcast, round_id, deputy, [ids[0]]).status_code == 200
    pcast.office.ok("POST", f"/api/v1/staff/deputies/{pcast.deputy_id(2)}/deactivate")
    pcast.office.ok("POST", f"/api/v1/staff/deputies/{pcast.deputy_id(4)}/deactivate")
    assert_error(ballot(pcast, round_id, 2, [ids[1]]), 403, "forbidden")
    assert turnout(pcast, round_id) == (5, 3)
    closed = pcast.move(round_id, "close-vote")
    assert closed["eligible"] == 5 and closed["selected"] == [ids[0]]  # 3 of 5 is a majority
    votes = {c["id"]: c["votes"] for c in pcast.read_round(round_id)["candidates"]}
    assert votes[ids[0]] == 3


def test_a_deputy_reactivated_during_the_vote_does_not_vote_in_it(pcast):
    pcast.deputy(4)
    deputy_admin.set_active(actor=OFFICE, deputy_id=pcast.deputy_id(4), active=False)
    round_id, ids = pcast.round_in("voting")
    assert turnout(pcast, round_id) == (4, 0)
    deputy_admin.set_active(actor=OFFICE, deputy_id=pcast.deputy_id(4), active=True)
    pcast.seeded_deputies[4]["bind_code"] = pcast.office.ok(
        "POST", f"/api/v1/staff/deputies/{pcast.deputy_id(4)}/bind-code")["deputy"]["bind_code"]
    pcast._callers.pop(("deputy", 4))  # deactivation unbound them: they bind again
    assert_error(ballot(pcast, round_id, 4, [ids[0]]), 403, "forbidden")
    assert turnout(pcast, round_id) == (4, 0)
