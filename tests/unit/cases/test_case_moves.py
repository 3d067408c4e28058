"""A case moves through the workflow engine; the held-for-review rule is one of its guards."""
from datetime import datetime, timezone

import pytest

from functions.cases.moves import apply, possible_actions
from functions.shared.errors import InvalidTransition

T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)
HELD = {"id": "c1", "status": "submitted", "type": "request", "held_for_review": True,
        "deputy_id": "d1", "deadlines": {"accept": "2026-12-03T15:59:59Z"},
        "reminded": ["accept:due_soon"], "overdue": True, "timeline": [], "outbox": []}


def test_a_held_case_takes_only_the_offices_review():
    assert possible_actions(HELD) == ["reject", "release"]
    for action, role in (("accept", "deputy"), ("withdraw", "citizen"), ("reject", "deputy")):
        with pytest.raises(InvalidTransition, match="office reviews"):
            apply(HELD, action=action, actor={"role": role}, now=T0)


def test_only_a_held_case_can_be_released():
    plain = {**HELD, "held_for_review": False}
    assert "release" not in possible_actions(plain)
    with pytest.raises(InvalidTransition, match="held for review"):
        apply(plain, action="release", actor={"role": "office"}, now=T0)


def test_releasing_restarts_the_accept_clock_and_tells_the_deputy():
    released = apply(HELD, action="release", actor={"role": "office"}, now=T0)
    assert released["status"] == "submitted" and released["held_for_review"] is False
    assert released["deadlines"]["accept"] > HELD["deadlines"]["accept"]
    assert released["reminded"] == [] and released["overdue"] is True
    assert [(e["event"], e["audience"]) for e in released["outbox"]] == [
        ("case_release", "deputy")]


def test_an_unsatisfied_rating_of_an_answer_goes_back_to_the_unit():
    answered = {**HELD, "held_for_review": False, "status": "answered",
                "deadlines": {"rate": "2026-12-07T02:00:00Z"}, "reminded": [], "unit_id": "u1"}
    rated = apply(answered, action="rate", actor={"role": "citizen"}, now=T0,
                  rating="unsatisfied", note="没解决")
    assert (rated["status"], rated["rehandle_count"]) == ("assigned", 1)
    assert rated["rating"]["comment"] == "没解决" and set(rated["deadlines"]) == {"sign", "answer"}
    assert [e["audience"] for e in rated["outbox"]] == ["unit"]


def test_a_held_case_is_in_the_offices_queue_and_no_deputys_inbox_or_the_public_list():
    from functions.cases import placement
    held = {**HELD, "region_id": "r1", "public": True, "published": True}
    assert placement.waiting_on(held) == ("office", "r1")
    assert placement.deputy_of(held) is None and not placement.is_published(held)
    accepted = {**held, "held_for_review": False, "status": "accepted"}
    assert placement.deputy_of(accepted) == "d1" and placement.is_published(accepted)
    assert placement.waiting_on(accepted) is None


def test_a_reminder_of_a_held_case_goes_to_the_office_and_anything_overdue_too():
    from functions.cases.moves import reminder_audiences
    soon = {"deadline": "accept", "kind": "due_soon"}
    assert reminder_audiences(HELD, soon) == ["office"]
    plain = {**HELD, "held_for_review": False}
    assert reminder_audiences(plain, soon) == ["deputy"]
    assert reminder_audiences(plain, {**soon, "kind": "overdue"}) == ["deputy", "office"]
