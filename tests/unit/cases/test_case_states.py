"""Every allowed and every forbidden move of the case state machine."""
import itertools

import pytest

from functions.cases.states import MAX_REHANDLES, STATUSES, allowed_actions, next_status
from functions.shared.errors import InvalidTransition

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


def test_an_unknown_rating_is_refused():
    with pytest.raises(InvalidTransition):
        next_status("answered", "rate", rating="meh")


def test_allowed_actions_lists_exactly_the_moves_that_succeed():
    for status in STATUSES:
        for action in allowed_actions(status):
            next_status(status, action, rating="satisfied")
        assert set(allowed_actions(status)) == {a for a in ACTIONS if (status, a) in ALLOWED
                                                or (a == "rate" and status in ("replied", "answered"))}


def test_urging_a_forwarded_case_is_refused_as_no_unit_holds_it():
    with pytest.raises(InvalidTransition):
        next_status("forwarded", "urge")
