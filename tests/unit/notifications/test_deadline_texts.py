"""A notice about a deadline names its last day, as people read it, not a UTC stamp."""
from datetime import datetime, timezone

from functions.notifications.messages import deadline_text, subscribe_data

CASE = {"id": "c1", "status": "in_progress", "content": "东街路灯坏了",
        "deadlines": {"answer": "2026-12-07T16:00:00Z"}}
WHEN = datetime(2026, 12, 4, 1, 0, tzinfo=timezone.utc)


def test_a_reminder_before_the_deadline_asks_for_the_step_by_its_last_day():
    assert deadline_text("reminder_due_soon", CASE, "answer") == "请于12月7日（周一）前办结答复"


def test_an_overdue_notice_says_which_day_was_the_last():
    assert deadline_text("reminder_overdue", CASE, "answer") == "办结答复时限12月7日（周一）前，已逾期"


def test_the_message_tells_the_last_day_where_it_tells_the_event():
    data = subscribe_data("reminder_due_soon", CASE, WHEN, deadline="answer")
    assert data["thing3"] == "请于12月7日（周一）前办结答复"
    assert "2026-12-07T16:00:00Z" not in str(data)


def test_a_notice_without_a_deadline_keeps_its_event_text():
    assert subscribe_data("case_answer", CASE, WHEN)["thing3"] == "承办单位已答复您的诉求"
    assert deadline_text("reminder_due_soon", CASE, "sign") is None


def test_the_citizen_is_told_the_office_answered_when_it_did():
    office_answered = {**CASE, "status": "answered", "answered_by": "office"}
    assert subscribe_data("case_answer", office_answered, WHEN)["thing3"] == "人大办已答复您的诉求"
