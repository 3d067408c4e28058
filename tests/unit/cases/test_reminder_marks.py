"""Which reminders a move keeps: those of deadlines carried over unchanged, no others."""
from datetime import datetime, timezone

from functions.cases.moves import apply
from functions.cases.reminder_rules import due_now

UNIT = {"role": "unit", "name": "住建局"}
CITIZEN = {"role": "citizen"}


def answered_late() -> dict:
    return {"id": "c1", "status": "answered", "type": "request", "rehandle_count": 0,
            "deadlines": {"rate": "2026-06-20T02:00:00Z"}, "timeline": [], "outbox": [],
            "reminded": ["answer:due_soon", "answer:overdue",
                         "answer:again@2026-06-10T01:00:00Z"],
            "created_at": "2026-05-01T02:00:00Z", "updated_at": "2026-06-13T02:00:00Z"}


def test_a_reworked_case_gets_a_fresh_answer_deadline_with_its_own_reminders():
    now = datetime(2026, 6, 15, 2, 0, tzinfo=timezone.utc)
    reworked = apply(answered_late(), action="rate", actor=CITIZEN, now=now,
                     rating="unsatisfied")
    assert reworked["status"] == "assigned" and reworked["reminded"] == []
    assert due_now(reworked["deadlines"], reworked["reminded"], now) == []


def test_signing_keeps_the_answer_deadline_and_its_daily_overdue_flag():
    case = {**answered_late(), "status": "assigned",
            "deadlines": {"sign": "2026-06-08T16:00:00Z", "answer": "2026-06-09T16:00:00Z"},
            "reminded": ["sign:overdue", "sign:again@2026-06-10T01:00:00Z", "answer:overdue",
                         "answer:again@2026-06-10T01:00:00Z"]}
    signed = apply(case, action="sign", actor=UNIT,
                   now=datetime(2026, 6, 9, 18, 0, tzinfo=timezone.utc))
    assert signed["reminded"] == ["answer:overdue", "answer:again@2026-06-10T01:00:00Z"]
