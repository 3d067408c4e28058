"""Every allowed and every forbidden move of the case state machine.

The moves below are written out from api-contract.md's "Statuses" paragraph (and
product.md's return of a wrongly assigned case), not copied from the implementation's
table: the machine is checked against the contract, both ways.
"""
import itertools

import pytest

from functions.cases.states import (MAX_REHANDLES, RATINGS, STATUSES, allowed_actions,
                                    allowed_while_held, next_status)
from functions.shared.errors import InvalidTransition

# api-contract.md, "Statuses", arrow by arrow (from → to).
CONTRACT_ARROWS = {
    ("submitted", "accepted"), ("accepted", "replied"), ("accepted", "forwarded"),
    ("forwarded", "assigned"), ("assigned", "in_progress"), ("in_progress", "answered"),
    ("forwarded", "answered"),  # the office answers itself
    ("replied", "closed"), ("answered", "closed"),  # rated well, or not rated in time
    ("answered", "assigned"),  # unsatisfied, rehandled (at most twice)
    ("answered", "forwarded"),  # unsatisfied past the limit, or an office answer
    ("replied", "forwarded"),  # unsatisfied with the deputy's reply
    ("submitted", "withdrawn"),
    ("submitted", "rejected"), ("accepted", "rejected"), ("forwarded", "rejected"),
    # product.md step 5: a unit returns a wrongly assigned case to the office.
    ("assigned", "forwarded"), ("in_progress", "forwarded"),
}
ALLOWED = {
    ("submitted", "accept"): "accepted",
    ("submitted", "withdraw"): "withdrawn",
    ("submitted", "reject"): "rejected",
    ("accepted", "reject"): "rejected",
    ("forwarded", "reject"): "rejected",
    ("accepted", "reply"): "replied",
    ("accepted", "forward"): "forwarded",
    ("forwarded", "assign"): "assigned",
    ("assigned", "sign"): "in_progress",
    ("in_progress", "progress"): "in_progress",
    ("in_progress", "answer"): "answered",
    ("forwarded", "answer"): "answered",  # the office answers itself
    ("assigned", "return"): "forwarded",
    ("in_progress", "return"): "forwarded",
    ("replied", "close_unrated"): "closed",
    ("answered", "close_unrated"): "closed",
    ("assigned", "urge"): "assigned",
    ("in_progress", "urge"): "in_progress",
}
ACTIONS = sorted({a for _, a in ALLOWED} | {"rate"})


@pytest.mark.parametrize("status,action", sorted(ALLOWED))
def test_allowed_move_goes_where_the_contract_says(status, action):
    assert next_status(status, action) == ALLOWED[(status, action)]


FORBIDDEN = [(s, a) for s, a in itertools.product(STATUSES, ACTIONS)
             if (s, a) not in ALLOWED and not (a == "rate" and s in ("replied", "answered"))]


@pytest.mark.parametrize("status,action", FORBIDDEN)
def test_every_other_move_is_an_invalid_transition(status, action):
    with pytest.raises(InvalidTransition):
        next_status(status, action, rating="satisfied")


@pytest.mark.parametrize("status", ["replied", "answered"])
@pytest.mark.parametrize("rating", ["satisfied", "basically_satisfied"])
def test_a_good_rating_closes_the_case(status, rating):
    assert next_status(status, "rate", rating=rating) == "closed"


def test_unsatisfied_with_a_deputy_reply_sends_the_case_to_the_office():
    assert next_status("replied", "rate", rating="unsatisfied") == "forwarded"


@pytest.mark.parametrize("count", range(MAX_REHANDLES))
def test_unsatisfied_answer_goes_back_to_the_unit_until_the_limit(count):
    assert next_status("answered", "rate", rating="unsatisfied", rehandle_count=count) == "assigned"


def test_unsatisfied_after_two_rehandles_goes_to_the_office():
    assert next_status("answered", "rate", rating="unsatisfied",
                       rehandle_count=MAX_REHANDLES) == "forwarded"


@pytest.mark.parametrize("count", range(MAX_REHANDLES + 1))
def test_unsatisfied_with_the_offices_own_answer_sends_the_case_back_to_the_office(count):
    assert next_status("answered", "rate", rating="unsatisfied", rehandle_count=count,
                       answered_by="office") == "forwarded"


def test_an_unknown_rating_is_refused():
    with pytest.raises(InvalidTransition):
        next_status("answered", "rate", rating="meh")


def test_allowed_actions_lists_exactly_the_moves_that_succeed():
    for status in STATUSES:
        for action in allowed_actions(status):
            next_status(status, action, rating="satisfied")
        assert set(allowed_actions(status)) == {a for a in ACTIONS if (status, a) in ALLOWED
                                                or (a == "rate" and status in ("replied", "answered"))}


def _status_changes() -> set[tuple[str, str]]:
    """Every (from, to) with from != to that some action, rating and count can make."""
    found = set()
    actions = {a for status in STATUSES for a in allowed_actions(status)} | {"rate"}
    for status, action in itertools.product(STATUSES, actions):
        for rating, count in itertools.product((None, *RATINGS), range(MAX_REHANDLES + 1)):
            try:
                target = next_status(status, action, rating=rating, rehandle_count=count)
            except InvalidTransition:
                continue
            if target != status:
                found.add((status, target))
    return found


def test_the_machine_changes_status_exactly_as_the_contract_draws_it():
    assert _status_changes() == CONTRACT_ARROWS


@pytest.mark.parametrize("action", sorted({a for s in STATUSES for a in allowed_actions(s)}
                                          | {"rate", "release", "hold"}))
@pytest.mark.parametrize("role", ["citizen", "deputy", "office", "unit", "co_unit", "admin"])
def test_a_held_case_moves_only_by_the_offices_release_or_reject(action, role):
    assert allowed_while_held(action, role) == (
        role == "office" and action in ("release", "reject"))


def test_urging_a_forwarded_case_is_refused_as_no_unit_holds_it():
    with pytest.raises(InvalidTransition):
        next_status("forwarded", "urge")
