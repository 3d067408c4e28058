"""The generic engine moves any record its machine describes: here a deputy's suggestion
(deputy-work.md), to show the table, guards, deadlines and outbox are not case-shaped."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.shared.errors import InvalidTransition
from functions.workflow import engine
from functions.workflow.machine import Machine

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)
LEAD = {"role": "deputy", "name": "王代表"}
OFFICE = {"role": "office"}
UNIT = {"role": "unit"}


def _after_evaluation(record: dict, details: dict) -> str:
    if details["rating"] == "unsatisfied" and not record.get("rehandle_count"):
        return "in_progress"
    return "closed"


def _contact_first(record: dict, action: str) -> str | None:
    if action == "answer" and not record.get("contacts"):
        return "record a contact with the lead deputy before answering"
    return None


def _deadlines(status: str, record: dict, entered_at: datetime) -> dict:
    return {"answer": entered_at + timedelta(days=90)} if status == "assigned" else {}


def _carried(status: str, previous: dict) -> dict:
    return {k: v for k, v in previous.items() if k == "answer" and status == "in_progress"}


def _evaluated(old: dict, new: dict, details: dict) -> dict:
    if new["status"] == "in_progress":
        new["rehandle_count"] = int(old.get("rehandle_count") or 0) + 1
    return {"rating": details["rating"]}


SUGGESTIONS = Machine(
    name="suggestion",
    statuses=("draft", "cosigning", "submitted", "registered", "converted", "assigned",
              "in_progress", "answered", "closed"),
    closed=frozenset({"converted", "closed"}),
    moves={("draft", "invite"): "cosigning", ("cosigning", "all_signed"): "draft",
           ("draft", "submit"): "submitted", ("submitted", "return"): "draft",
           ("submitted", "register"): "registered", ("submitted", "convert"): "converted",
           ("registered", "assign"): "assigned", ("assigned", "sign"): "in_progress",
           ("in_progress", "answer"): "answered", ("answered", "evaluate"): _after_evaluation},
    guards=(_contact_first,),
    deadlines=_deadlines, carried_over=_carried,
    audiences=lambda action, record, details: {"submit": ("office",),
                                               "assign": ("unit", "lead")}.get(action, ()),
    effects={"evaluate": _evaluated},
    event_prefix="suggestion_",
)


def _move(record, action, actor, at=T0, **kwargs):
    return engine.apply(SUGGESTIONS, record, action=action, actor=actor, now=at, **kwargs)


def test_a_suggestion_goes_from_draft_to_closed_with_one_rehandle():
    record = {"id": "s1", "status": "draft", "timeline": [], "outbox": []}
    record = _move(record, "submit", LEAD)
    assert record["status"] == "submitted"
    assert [(e["event"], e["audience"]) for e in record["outbox"]] == [
        ("suggestion_submit", "office")]
    record = _move(_move(record, "return", OFFICE, note="补充材料"), "submit", LEAD)
    record = _move(_move(record, "register", OFFICE), "assign", OFFICE)
    assert record["deadlines"] == {"answer": "2027-03-01T02:00:00Z"}
    record = _move(record, "sign", UNIT, at=T0 + timedelta(days=1))
    assert record["deadlines"] == {"answer": "2027-03-01T02:00:00Z"}  # carried over
    record = _move({**record, "contacts": [{"kind": "phone"}]}, "answer", UNIT)
    record = _move(record, "evaluate", LEAD, details={"rating": "unsatisfied"})
    assert (record["status"], record["rehandle_count"]) == ("in_progress", 1)
    record = _move(_move(record, "answer", UNIT), "evaluate", LEAD,
                   details={"rating": "unsatisfied"})
    assert record["status"] == "closed"
    assert [e["action"] for e in record["timeline"]] == [
        "submit", "return", "submit", "register", "assign", "sign", "answer", "evaluate",
        "answer", "evaluate"]
    assert record["timeline"][1]["note"] == "补充材料"


def test_a_guard_refuses_a_move_the_table_allows():
    with pytest.raises(InvalidTransition, match="contact"):
        _move({"id": "s1", "status": "in_progress"}, "answer", UNIT)


def test_a_move_the_table_lacks_is_refused_in_the_records_own_words():
    with pytest.raises(InvalidTransition, match="cannot register a suggestion that is draft"):
        _move({"id": "s1", "status": "draft"}, "register", OFFICE)


def test_leaving_a_status_drops_its_deadlines_and_their_sent_reminders():
    record = {"id": "s1", "status": "assigned", "deadlines": {"answer": "2027-03-01T02:00:00Z"},
              "reminded": ["answer:due_soon"], "overdue": True}
    signed = _move(record, "sign", UNIT)
    assert signed["reminded"] == ["answer:due_soon"] and signed["overdue"] is False
    assert _move({**signed, "contacts": [1]}, "answer", UNIT)["reminded"] == []


def test_the_machine_lists_the_open_statuses_and_the_actions_of_each():
    assert "converted" not in SUGGESTIONS.open_statuses
    assert SUGGESTIONS.allowed_actions("submitted") == ["return", "register", "convert"]
