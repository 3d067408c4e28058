"""Stage deadlines replayed from a case's timeline: re-handles, returns, open stages."""
from datetime import datetime, timezone

from functions.cases.stage_times import stages


def entry(at: str, action: str, status: str) -> dict:
    return {"at": at, "action": action, "status": status, "actor_role": "x"}


def case(status: str, timeline: list, deadlines: dict | None = None) -> dict:
    return {"type": "request", "status": status, "timeline": timeline,
            "deadlines": deadlines or {}, "time_limits": None}


NOW = datetime(2026, 3, 20, 4, 0, tzinfo=timezone.utc)
SUBMITTED = [entry("2026-03-02T01:00:00Z", "submit", "submitted"),
             entry("2026-03-02T02:00:00Z", "accept", "accepted"),
             entry("2026-03-02T03:00:00Z", "forward", "forwarded"),
             entry("2026-03-02T04:00:00Z", "assign", "assigned")]


def test_an_open_stage_past_its_deadline_is_late_and_one_not_yet_due_is_open():
    rows = {r["name"]: r for r in stages(case("assigned", SUBMITTED), now=NOW)}
    assert list(rows) == ["accept", "assign", "sign", "answer"]
    assert rows["accept"]["on_time"] is True and rows["assign"]["done_at"] == SUBMITTED[3]["at"]
    assert rows["sign"]["deadline"] == "2026-03-09T16:00:00Z"  # the end of 3月9日
    assert (rows["sign"]["done_at"], rows["sign"]["on_time"]) == (None, False)
    assert rows["answer"]["on_time"] is None  # due 3月30日


def test_a_deadline_in_force_comes_from_the_case_itself():
    extended = case("assigned", SUBMITTED, {"sign": "2026-03-24T16:00:00Z"})
    sign = {r["name"]: r for r in stages(extended, now=NOW)}["sign"]
    assert sign["deadline"] == "2026-03-24T16:00:00Z" and sign["on_time"] is None


def test_after_a_return_and_a_new_assignment_the_last_round_counts():
    timeline = SUBMITTED + [entry("2026-03-03T01:00:00Z", "return", "forwarded"),
                            entry("2026-03-16T01:00:00Z", "assign", "assigned"),
                            entry("2026-03-17T01:00:00Z", "sign", "in_progress")]
    rows = {r["name"]: r for r in stages(case("in_progress", timeline), now=NOW)}
    assert rows["assign"]["deadline"] == "2026-03-06T16:00:00Z"  # 3 working days after 3月3日
    assert (rows["assign"]["done_at"], rows["assign"]["on_time"]) == (
        "2026-03-16T01:00:00Z", False)
    assert (rows["sign"]["done_at"], rows["sign"]["on_time"]) == ("2026-03-17T01:00:00Z", True)

