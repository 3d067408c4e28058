"""Counting costs the same store reads however many deputies voted, and no project call
scans: turnout and close read the tally, never the ballots."""
import pytest

from tests.integration.projects_cast import pcast  # noqa: F401
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
READS = ("GetItem", "Query", "Scan", "BatchGetItem")


class KeyWatchingCounter(StoreCallCounter):
    """Also keeps every string value a call's expressions name (sort-key prefixes...)."""

    def __init__(self):
        super().__init__()
        self.values: list[str] = []

    def _before(self, params, **kwargs):
        self.values += [v.get("S", "") for v in
                        (params.get("ExpressionAttributeValues") or {}).values()]
        return super()._before(params, **kwargs)


def reads_of(counter, call) -> list[str]:
    counter.take()
    call()
    calls = counter.take()
    assert not [c for c in calls if c.operation == "Scan"]
    return sorted(f"{c.operation} {c.key}" + (f"[{c.index}]" if c.index else "")
                  for c in calls if c.operation in READS)


def test_turnout_and_close_read_the_same_whatever_the_number_of_ballots(pcast):
    few, ids_few = pcast.round_in("voting")
    many, ids_many = pcast.round_in("voting")
    pcast.vote(few, 0, [ids_few[0]])
    for deputy in range(5):
        pcast.vote(many, deputy, [ids_many[1]])
    pcast.vote(many, 4, [ids_many[2]])
    with KeyWatchingCounter() as counter:
        turnout = [reads_of(counter, lambda r=r: pcast.office.ok(
            "GET", f"/api/v1/staff/project-rounds/{r}/turnout")) for r in (few, many)]
        closing = [reads_of(counter, lambda r=r: pcast.move(r, "close-vote"))
                   for r in (few, many)]
    assert turnout[0] == turnout[1] and len(turnout[0]) <= 3
    assert closing[0] == closing[1], closing
    assert not [v for v in counter.values if v.startswith("BALLOT#")]  # no ballot read
    assert pcast.read_round(many)["round"]["selected"] == [ids_many[1]]


def test_a_ballot_costs_a_fixed_number_of_calls(pcast):
    round_id, ids = pcast.round_in("voting")
    pcast.deputy(0)  # logged in and bound before counting
    with StoreCallCounter() as counter:
        counter.take()
        pcast.vote(round_id, 0, [ids[0]])
        first = len(counter.take())
        pcast.vote(round_id, 0, [ids[1]])
        second = len(counter.take())
    # deputy, round, pending +1, round again, ballot read, ballot write, deltas
    assert first == second <= 8
