"""A case held by the content check moves only by the office's release or rejection."""
from datetime import datetime, timezone

import pytest

from functions.cases.moves import apply
from functions.shared.errors import InvalidTransition

NOW = datetime(2026, 6, 3, 2, 0, tzinfo=timezone.utc)
OFFICE = {"role": "office", "name": "人大办"}
DEPUTY = {"role": "deputy", "name": "王代表"}
CITIZEN = {"role": "citizen"}


def held_case(**extra) -> dict:
    return {"id": "c1", "status": "submitted", "type": "request", "held_for_review": True,
            "deadlines": {}, "reminded": [], "timeline": [], "outbox": [],
            "created_at": "2026-06-03T01:00:00Z", "updated_at": "2026-06-03T01:00:00Z",
            **extra}


@pytest.mark.parametrize("action,actor", [
    ("accept", DEPUTY), ("accept", OFFICE), ("reject", DEPUTY), ("withdraw", CITIZEN),
    ("forward", OFFICE), ("assign", OFFICE), ("urge", OFFICE), ("reply", OFFICE),
])
def test_a_held_case_refuses_every_move_but_release_and_the_offices_rejection(action, actor):
    with pytest.raises(InvalidTransition):
        apply(held_case(), action=action, actor=actor, now=NOW)


def test_the_office_rejects_a_held_case():
    rejected = apply(held_case(), action="reject", actor=OFFICE, now=NOW, note="违法信息")
    assert rejected["status"] == "rejected"


def test_a_released_case_reaches_the_deputy_with_fresh_deadlines_and_can_then_be_accepted():
    released = apply(held_case(), action="release", actor=OFFICE, now=NOW)
    assert released["held_for_review"] is False and released["status"] == "submitted"
    assert released["deadlines"]["accept"] > "2026-06-03"
    assert [e["audience"] for e in released["outbox"]] == ["deputy"]
    assert apply(released, action="accept", actor=DEPUTY, now=NOW)["status"] == "accepted"


def test_only_a_held_case_can_be_released():
    with pytest.raises(InvalidTransition):
        apply(held_case(held_for_review=False), action="release", actor=OFFICE, now=NOW)
