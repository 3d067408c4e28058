"""The suggestion state machine exactly as deputy-work.md writes it: every status × action."""
from datetime import datetime, timezone

import pytest

from functions.shared.errors import InvalidTransition
from functions.suggestions.machine import STATUSES, SUGGESTIONS
from functions.workflow import engine

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)
ACTIONS = sorted({action for _, action in SUGGESTIONS.moves})
# (status, action, details, record extras) → the status it leads to; nothing else is allowed.
ALLOWED = {
    ("draft", "submit"): "submitted",
    ("cosigning", "cosign"): "cosigning",
    ("cosigning", "submit"): "submitted",
    ("submitted", "register"): "registered",
    ("submitted", "convert"): "converted",
    ("submitted", "return"): "draft",
    ("registered", "assign"): "assigned",
    ("assigned", "sign"): "in_progress",
    ("in_progress", "sign"): "in_progress",
    ("in_progress", "contact"): "in_progress",
    ("assigned", "opinion"): "assigned",
    ("in_progress", "opinion"): "in_progress",
    ("in_progress", "answer"): "answered",
    ("assigned", "request_extension"): "assigned",
    ("in_progress", "request_extension"): "in_progress",
    ("assigned", "decide_extension"): "assigned",
    ("in_progress", "decide_extension"): "in_progress",
    ("registered", "mark_key"): "registered",
    ("assigned", "mark_key"): "assigned",
    ("in_progress", "mark_key"): "in_progress",
    ("answered", "mark_key"): "answered",
    ("answered", "evaluate"): "closed",
    ("closed", "evaluate"): "closed",
}


def record(status: str, **extra) -> dict:
    """A suggestion in `status` that passes every guard (contact made, answer unrated...)."""
    return {"id": "s1", "status": status, "created_at": "2026-03-01T00:00:00Z",
            "timeline": [], "cosigners": [{"deputy_id": "d2", "status": "signed"}],
            "contacts": [{"method": "phone"}], "awaiting_evaluation": True,
            "extension": {"status": "pending", "months": 1}, "answer_months": 3,
            "assigned_at": "2026-03-01T00:00:00Z", **extra}


DETAILS = {"role": "unit", "rating": "satisfied", "grant": False, "deputy_id": "d2",
           "decision": "sign", "now": NOW,
           "answer": {"classification": "A", "content": "已解决"}}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_move_is_allowed_exactly_as_the_table_says(status, action):
    expected = ALLOWED.get((status, action))
    # A request needs none waiting, a decision one waiting: the guards, tested below.
    subject = record(status, extension=None) if action == "request_extension" \
        else record(status)
    if expected is None:
        with pytest.raises(InvalidTransition):
            SUGGESTIONS.next_status(subject, action, DETAILS)
    else:
        assert SUGGESTIONS.next_status(subject, action, DETAILS) == expected


def test_the_table_has_no_move_beyond_the_documented_ones():
    assert set(SUGGESTIONS.moves) == set(ALLOWED)


def test_the_lead_cannot_submit_while_an_invitation_is_open():
    open_one = record("cosigning", cosigners=[{"deputy_id": "d2", "status": "invited"}])
    with pytest.raises(InvalidTransition, match="invitation"):
        SUGGESTIONS.next_status(open_one, "submit", DETAILS)


def test_the_lead_unit_cannot_answer_before_a_contact():
    with pytest.raises(InvalidTransition, match="contact"):
        SUGGESTIONS.next_status(record("in_progress", contacts=[]), "answer", DETAILS)


def test_an_unsatisfied_evaluation_sends_it_back_once_then_the_second_answer_closes_it():
    answered = record("answered", deadlines={})
    again = engine.apply(SUGGESTIONS, answered, action="evaluate", actor={"role": "deputy"},
                         now=NOW, details={**DETAILS, "rating": "unsatisfied"})
    assert (again["status"], again["rehandle_count"]) == ("in_progress", 1)
    assert again["deadlines"] == {"answer": "2026-06-02T02:00:00Z"}
    closed = engine.apply(SUGGESTIONS, again, action="answer", actor={"role": "unit"},
                          now=NOW, details=DETAILS)
    assert closed["status"] == "closed" and closed["awaiting_evaluation"] is True
    rated = engine.apply(SUGGESTIONS, closed, action="evaluate", actor={"role": "deputy"},
                         now=NOW, details={**DETAILS, "rating": "unsatisfied"})
    assert rated["status"] == "closed" and rated["rehandle_count"] == 1
    with pytest.raises(InvalidTransition, match="already been evaluated"):
        SUGGESTIONS.next_status(rated, "evaluate", DETAILS)


def test_a_co_unit_signing_leaves_the_suggestion_waiting_for_the_lead_unit():
    assert SUGGESTIONS.next_status(record("assigned"), "sign",
                                   {**DETAILS, "role": "co_unit"}) == "assigned"


def test_extensions_wait_one_at_a_time():
    with pytest.raises(InvalidTransition):
        SUGGESTIONS.next_status(record("in_progress"), "request_extension", DETAILS)
    with pytest.raises(InvalidTransition):
        SUGGESTIONS.next_status(record("in_progress", extension=None), "decide_extension",
                                DETAILS)


def test_a_granted_extension_moves_the_answer_deadline_from_assignment():
    handled = record("in_progress", deadlines={"answer": "2026-06-01T00:00:00Z"},
                     reminded=["answer:due_soon"], extension={"status": "pending", "months": 2})
    granted = engine.apply(SUGGESTIONS, handled, action="decide_extension",
                           actor={"role": "office"}, now=NOW, details={**DETAILS, "grant": True})
    assert granted["deadlines"]["answer"] == "2026-08-01T00:00:00Z"
    assert granted["answer_months"] == 5 and granted["reminded"] == []
    assert granted["extension"]["status"] == "granted"


def test_add_months_keeps_the_moment_and_clamps_the_day():
    from functions.suggestions.deadlines import add_months
    assert add_months(datetime(2026, 11, 30, 5, tzinfo=timezone.utc), 3) == \
        datetime(2027, 2, 28, 5, tzinfo=timezone.utc)
