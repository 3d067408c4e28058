"""The list row kept on a case: the same row as from the whole case, and why it is queued."""
from datetime import datetime, timezone

from functions.cases import summary
from functions.cases.views import summary_view

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


def entry(action, status, role="deputy", at="2026-03-01T08:00:00+00:00"):
    return {"at": at, "actor_role": role, "action": action, "status": status}


def case(status="forwarded", timeline=(), **fields):
    base = {"id": "c1", "status": status, "type": "request", "category": "roads",
            "content": "路" * 150, "created_at": "2026-03-01T08:00:00+00:00",
            "updated_at": "2026-03-01T09:00:00+00:00", "deputy_id": "d1",
            "deputy_name": "张三", "region_id": "demo", "owner_id": "u1",
            "timeline": [entry("submit", "submitted", "citizen"), *timeline],
            "outbox": [{"id": "x", "event": "case_forward", "audience": "office"}],
            "contact_phone": "13812341234", "deadlines": {"assign": "2026-03-02T00:00:00+00:00"}}
    return {**base, **fields}


def test_the_row_from_the_summary_is_the_row_from_the_whole_case_at_any_time():
    whole = case(unit_id=None, rehandle_count=1)
    stored = summary.decode(summary.encode(whole))
    for now in (datetime(2026, 3, 1, 10, tzinfo=timezone.utc), NOW):
        assert summary_view(stored, now=now) == summary_view(whole, now=now)
    assert summary_view(stored, now=NOW)["overdue"] is True  # worked out when shown


def test_the_summary_keeps_no_timeline_outbox_or_phone_and_a_hundred_characters():
    stored = summary.summary_of(case())
    assert not {"timeline", "outbox", "contact_phone", "owner_id"} & set(stored)
    assert len(stored["content"]) == 100


def test_a_deputys_forward_is_a_new_forward():
    forwarded = case(timeline=[entry("accept", "accepted"), entry("forward", "forwarded")])
    assert summary.queue_reason(forwarded) == "new_forward"


def test_a_stations_case_the_office_forwarded_itself_is_a_new_submission():
    taken_in = case(deputy_id=None, timeline=[entry("accept", "accepted", "office"),
                                              entry("forward", "forwarded", "office")])
    assert summary.queue_reason(taken_in) == "new_submission"


def test_a_unit_returning_the_case_says_so_whatever_reminders_came_after():
    returned = case(timeline=[entry("forward", "forwarded"), entry("assign", "assigned", "office"),
                              entry("return", "forwarded", "unit"),
                              entry("overdue", "forwarded", "system")])
    assert summary.queue_reason(returned) == "unit_returned"


def test_an_unsatisfied_rating_of_the_deputys_reply_comes_back_as_unsatisfied():
    rated = case(timeline=[entry("reply", "replied"), entry("rate", "forwarded", "citizen")],
                 rating={"rating": "unsatisfied", "of": "replied"})
    assert summary.queue_reason(rated) == "unsatisfied"


def test_an_unsatisfied_rating_past_the_rehandle_limit_says_the_limit():
    rated = case(timeline=[entry("answer", "answered", "unit"), entry("rate", "forwarded")],
                 rating={"rating": "unsatisfied", "of": "answered"}, rehandle_count=2)
    assert summary.queue_reason(rated) == "rehandle_limit"


def test_a_case_without_a_deputy_or_held_for_review_is_a_new_submission():
    assert summary.queue_reason(case("submitted", deputy_id=None)) == "new_submission"
    assert summary.queue_reason(case("submitted", held_for_review=True)) == "new_submission"


def test_a_units_queue_tells_a_new_assignment_from_a_rehandle():
    assigned = case("assigned", unit_id="u1",
                    timeline=[entry("assign", "assigned", "office"), entry("sign", "in_progress")])
    assert summary.queue_reason({**assigned, "status": "in_progress"}) == "new_assignment"
    again = case("assigned", unit_id="u1", timeline=[entry("answer", "answered", "unit"),
                                                     entry("rate", "assigned", "citizen")])
    assert summary.queue_reason(again) == "rehandle"


def test_a_case_waiting_on_no_one_has_no_reason():
    assert summary.queue_reason(case("accepted")) is None
    assert summary.queue_reason(case("closed", unit_id="u1")) is None


def test_the_units_done_time_is_its_last_answer_while_answered_or_closed():
    answered = case("answered", unit_id="u1", timeline=[
        entry("answer", "answered", "unit", at="2026-03-01T10:00:00+00:00"),
        entry("rate", "assigned", "citizen"),
        entry("answer", "answered", "unit", at="2026-03-03T10:00:00+00:00")])
    assert summary.unit_done_at(answered) == "2026-03-03T10:00:00+00:00"
    assert summary.unit_done_at({**answered, "status": "closed"}) == "2026-03-03T10:00:00+00:00"
    assert summary.unit_done_at({**answered, "status": "assigned"}) is None
    by_office = case("answered", unit_id="u1", timeline=[entry("answer", "answered", "office")])
    assert summary.unit_done_at(by_office) is None


def test_the_api_document_names_every_reason_a_queue_row_can_give():
    from miniprogram_api.openapi.case_schemas import QUEUE_REASON
    assert QUEUE_REASON["enum"] == [*summary.OFFICE_REASONS, *summary.UNIT_REASONS, None]
