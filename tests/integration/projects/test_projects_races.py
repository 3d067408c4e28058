"""Ballots racing over real HTTP, and a change cut off between the ballot and the tally:
no deputy is ever counted twice, and the count at close is the ballots' own."""
import pytest

from functions.projects import keys
from functions.projects.models import BallotItem
from functions.storage.low_level import add_numbers, get_numbers
from tests.case_fixtures import at_once
from tests.integration.projects_cast import live_pcast, pcast  # noqa: F401

pytestmark = [pytest.mark.integration, pytest.mark.e2e]


def ballot_call(cast, round_id, deputy, choices):
    caller = cast.deputy(deputy)
    return lambda: caller.post(f"/api/v1/project-rounds/{round_id}/ballot",
                               json={"choices": choices})


def test_parallel_ballots_of_one_deputy_count_once(live_pcast):
    round_id, ids = live_pcast.round_in("voting")
    options = [[ids[0]], [ids[1], ids[2]], [ids[3]], [ids[0], ids[3]], [], [ids[2]]]
    responses = at_once(*(ballot_call(live_pcast, round_id, 0, o) for o in options))
    assert {r.status_code for r in responses} == {200}
    assert sum(not r.json()["ballot"]["replaced"] for r in responses) == 1
    tally = get_numbers(keys.tally_pk(round_id))
    assert tally["ballots"] == 1 and tally["pending"] == 0
    counted = sorted(c for c in ids if tally.get(f"votes:{c}", 0))
    assert all(tally.get(f"votes:{c}", 0) in (0, 1) for c in ids)
    assert counted in [sorted(o) for o in options]


def test_many_deputies_changing_their_ballots_at_once_leave_an_exact_tally(live_pcast):
    round_id, ids = live_pcast.round_in("voting")
    calls = [ballot_call(live_pcast, round_id, deputy, [ids[(deputy + shift) % 4]])
             for deputy in range(5) for shift in range(3)]
    assert {r.status_code for r in at_once(*calls)} == {200}
    tally = get_numbers(keys.tally_pk(round_id))
    assert tally["ballots"] == 5 and tally["pending"] == 0
    assert sum(tally.get(f"votes:{c}", 0) for c in ids) == 5
    stored = {b.sk: b.choices for b in BallotItem.query(keys.round_pk(round_id),
                                                        BallotItem.sk.startswith("BALLOT#"))}
    assert {c: tally.get(f"votes:{c}", 0) for c in ids} == \
        {c: sum(choices == [c] for choices in stored.values()) for c in ids}


def test_a_change_cut_off_before_its_tally_is_repaired_from_the_ballots_at_close(pcast):
    round_id, ids = pcast.round_in("voting")
    for deputy in range(3):
        pcast.vote(round_id, deputy, [ids[0]])
    # Deputy 3's request died after writing its ballot, before adding to the tally.
    add_numbers(keys.tally_pk(round_id), {"pending": 1})
    BallotItem(pk=keys.round_pk(round_id), sk=keys.ballot_sk(pcast.deputy_id(3)),
               round_id=round_id, choices=[ids[1]], cast_at="2027-01-10T02:00:00Z").save()
    turnout = pcast.office.ok("GET", f"/api/v1/staff/project-rounds/{round_id}/turnout")
    assert turnout["turnout"]["ballots"] == 3  # live figure, before the repair
    closed = pcast.move(round_id, "close-vote")
    assert closed["selected"] == [ids[0]]
    votes = {c["id"]: c["votes"] for c in pcast.read_round(round_id)["candidates"]}
    assert (votes[ids[0]], votes[ids[1]]) == (3, 1)
    assert get_numbers(keys.tally_pk(round_id)) == {"ballots": 4, f"votes:{ids[0]}": 3,
                                                    f"votes:{ids[1]}": 1, "pending": 0}


def test_the_office_may_repair_the_tally_during_the_vote_and_sees_turnout_only(pcast):
    round_id, ids = pcast.round_in("voting")
    pcast.vote(round_id, 0, [ids[0]])
    add_numbers(keys.tally_pk(round_id), {"pending": 1, "ballots": 7})  # a skewed tally
    repaired = pcast.office.ok("POST", f"/api/v1/staff/project-rounds/{round_id}/recount")
    assert repaired == {"turnout": {"round_id": round_id, "state": "voting", "eligible": 5,
                                    "ballots": 1, "rate": 0.2}}


def test_parallel_ratings_of_one_deputy_count_that_deputy_once(live_pcast):
    round_id, _ = live_pcast.round_in("evaluating")
    project = live_pcast.projects(round_id)[0]["id"]
    caller = live_pcast.deputy(0)
    ratings = ("satisfied", "unsatisfied", "basically_satisfied") * 2
    responses = at_once(*(lambda r=r: caller.post(
        f"/api/v1/project-rounds/{round_id}/evaluation", json={"ratings": {project: r}})
        for r in ratings))
    assert {r.status_code for r in responses} == {200}
    tally = get_numbers(keys.rating_tally_pk(round_id, 1))
    assert tally["deputies"] == 1 and tally["pending"] == 0
    assert sum(tally.get(f"{project}:{r}", 0) for r in set(ratings)) == 1
