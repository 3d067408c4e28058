"""Each list shows exactly what waits on its caller: mine, the deputy inbox, staff queues."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.shared import clock
from functions.cases.states import STATUSES
from tests.case_fixtures import cast  # noqa: F401

pytestmark = pytest.mark.integration


def ids(caller, path) -> list[str]:
    return [c["id"] for c in caller.ok("GET", path)["items"]]


def test_my_cases_are_exactly_the_callers_own_newest_first_page_by_page(cast):
    start = datetime(2025, 4, 1, 2, 0, tzinfo=timezone.utc)
    mine = []
    for minute, (citizen, deputy) in enumerate([("wang", 0), ("li", 0), ("wang", 1),
                                                 ("wang", 0)]):
        clock.set_now(start + timedelta(minutes=minute))
        case = cast.submit(citizen, deputy)
        if citizen == "wang":
            mine.insert(0, case["id"])
    wang = cast.citizen("wang")
    assert ids(wang, "/api/v1/cases/mine") == mine
    walked, cursor = [], ""
    while True:
        page = wang.ok("GET", f"/api/v1/cases/mine?limit=2{cursor}")
        walked += [c["id"] for c in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert walked == mine
    assert len(ids(cast.citizen("li"), "/api/v1/cases/mine")) == 1
    assert ids(cast.citizen("zhao"), "/api/v1/cases/mine") == []


def test_the_deputy_inbox_filters_by_status_and_its_counts_match_what_it_lists(cast):
    expected = {status: set() for status in STATUSES}
    for status in ("submitted", "submitted", "accepted", "forwarded", "withdrawn", "rejected",
                   "replied"):
        expected[status].add(cast.case_at(status))
    someone_elses = cast.case_at("submitted", deputy=1)
    deputy = cast.deputy()
    inbox = deputy.ok("GET", "/api/v1/deputy/inbox")
    assert {c["id"] for c in inbox["items"]} == set().union(*expected.values())
    by_status = {s: set(ids(deputy, f"/api/v1/deputy/inbox?status={s}")) for s in STATUSES}
    assert by_status == expected
    assert inbox["counts"] == {s: len(expected[s]) for s in STATUSES}
    assert ids(cast.deputy(1), "/api/v1/deputy/inbox") == [someone_elses]


def test_staff_queues_hold_exactly_the_cases_waiting_on_that_office_or_unit(cast):
    forwarded = cast.case_at("forwarded")
    returned = cast.case_at("assigned")
    cast.unit.ok("POST", f"/api/v1/cases/{returned}/return", json={"reason": "非本单位职责"})
    held = cast.submit(content="有人在村口聚众赌博，请管一管")["id"]
    assigned, signed = cast.case_at("assigned"), cast.case_at("in_progress")
    cast.case_at("answered"), cast.case_at("closed"), cast.case_at("accepted")
    elsewhere = cast.case_at("forwarded")
    cast.step(elsewhere, "assign", body={"unit_id": "u-transport"})
    office, unit = cast.office, cast.unit
    assert set(ids(office, "/api/v1/staff/queue")) == {forwarded, returned, held}
    assert set(ids(office, "/api/v1/staff/queue?status=forwarded")) == {forwarded, returned}
    assert set(ids(unit, "/api/v1/staff/queue")) == {assigned, signed}
    assert ids(unit, "/api/v1/staff/queue?status=assigned") == [assigned]
    assert ids(unit, "/api/v1/staff/queue?status=in_progress") == [signed]
    assert ids(cast.other_unit("u-transport"), "/api/v1/staff/queue") == [elsewhere]
    assert held not in ids(cast.deputy(), "/api/v1/deputy/inbox")


def test_a_case_held_for_review_reaches_the_deputys_inbox_and_counts_only_once_released(cast):
    held = cast.submit(content="有人在村口聚众赌博，请管一管")["id"]
    visible = cast.submit()["id"]
    deputy = cast.deputy()
    inbox = deputy.ok("GET", "/api/v1/deputy/inbox")
    assert [c["id"] for c in inbox["items"]] == [visible]
    assert {s: n for s, n in inbox["counts"].items() if n} == {"submitted": 1}
    cast.office.ok("POST", f"/api/v1/cases/{held}/release")
    inbox = deputy.ok("GET", "/api/v1/deputy/inbox")
    assert {c["id"] for c in inbox["items"]} == {visible, held}
    assert {s: n for s, n in inbox["counts"].items() if n} == {"submitted": 2}
