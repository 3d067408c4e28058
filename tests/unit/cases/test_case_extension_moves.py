"""An extension of a case's answer deadline as moves of the workflow engine (pure)."""
from datetime import datetime, timezone

import pytest

from functions.cases.extension import MAX_EXTENDED_DAYS, request_inputs
from functions.cases.moves import apply, possible_actions
from functions.shared.errors import InvalidTransition

T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # Monday 10:00 in Beijing
UNIT, OFFICE = {"role": "unit", "name": "住建局"}, {"role": "office", "name": "人大办"}
SIGNED = {"id": "c1", "status": "in_progress", "type": "request", "unit_id": "u1",
          "deadlines": {"answer": "2026-12-03T16:00:00Z"},
          "reminded": ["answer:due_soon", "answer:overdue", "answer:again@2026-12-07T01:00:00Z"],
          "overdue": True, "timeline": [], "outbox": []}
REQUEST = {"extension": {"working_days": 5, "reason": "需协调", "unit_id": "u1"}}


def asked():
    return apply(SIGNED, action="request_extension", actor=UNIT, now=T0, note="需协调",
                 changes=REQUEST)


def decided(grant: bool):
    case = asked()
    return apply(case, action="decide_extension", actor=OFFICE, now=T0,
                 changes={"extension": {**case["extension"], "grant": grant}})


def test_a_request_waits_for_the_office_and_tells_it():
    case = asked()
    assert case["status"] == "in_progress" and case["extension"]["status"] == "pending"
    assert [(e["event"], e["audience"]) for e in case["outbox"]] == [
        ("case_request_extension", "office")]
    assert "request_extension" not in possible_actions(case)
    with pytest.raises(InvalidTransition, match="already waiting"):
        apply(case, action="request_extension", actor=UNIT, now=T0, changes=REQUEST)


def test_a_grant_moves_the_answer_deadline_by_working_days_and_forgets_its_reminders():
    case = decided(True)
    assert case["deadlines"]["answer"] == "2026-12-10T16:00:00Z"
    assert case["reminded"] == [] and case["overdue"] is False
    assert "grant" not in case["extension"] and case["extension"]["status"] == "granted"
    assert case["outbox"][-1] == {**case["outbox"][-1], "event": "case_decide_extension",
                                  "audience": "unit", "deadline": "answer"}


def test_a_refusal_keeps_the_deadline_and_its_reminders():
    case = decided(False)
    assert case["deadlines"] == SIGNED["deadlines"] and case["reminded"] == SIGNED["reminded"]
    assert case["timeline"][-1]["granted"] is False


def test_only_a_waiting_request_is_decided():
    with pytest.raises(InvalidTransition, match="no extension request"):
        apply(SIGNED, action="decide_extension", actor=OFFICE, now=T0,
              changes={"extension": {"grant": True}})


def test_a_request_still_waiting_lapses_when_the_unit_answers():
    answered = apply(asked(), action="answer", actor=UNIT, now=T0, note="已办结")
    assert answered["extension"]["status"] == "lapsed"
    assert "decide_extension" not in possible_actions(answered)


def test_granted_days_add_up_across_requests():
    case = decided(True)
    assert case["extension"]["granted_days"] == 5
    problems, _, changes = request_inputs({"working_days": 3, "reason": "再需三天"}, case)
    assert not any(problems.values()) and changes["extension"]["granted_days"] == 5


@pytest.mark.parametrize("granted,asked,problem", [
    (35, 6, "a whole number from 1 to 5 (working days)"), (35, 5, None),
    (MAX_EXTENDED_DAYS, 1, f"already extended by {MAX_EXTENDED_DAYS} working days")])
def test_all_extensions_of_one_assignment_stay_within_the_bound(granted, asked, problem):
    case = {**SIGNED, "extension": {"status": "granted", "granted_days": granted}}
    problems, _, _ = request_inputs({"working_days": asked, "reason": "需协调"}, case)
    assert problems["working_days"] == problem
