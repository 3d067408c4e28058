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


def test_co_units_find_the_cases_they_co_handle_in_their_own_queue_until_answered(cast):
    case_id = cast.case_at("forwarded")
    cast.office.ok("POST", f"/api/v1/cases/{case_id}/assign", json={
        "unit_id": "u-housing", "co_unit_ids": ["u-transport"]})
    transport = cast.other_unit("u-transport")
    rows = transport.ok("GET", "/api/v1/staff/queue")["items"]
    assert [(r["id"], r.get("co_handling")) for r in rows] == [(case_id, True)]
    assert ids(transport, "/api/v1/staff/queue?status=assigned") == [case_id]
    cast.unit.ok("POST", f"/api/v1/cases/{case_id}/sign")
    assert ids(transport, "/api/v1/staff/queue?status=in_progress") == [case_id]
    transport.ok("POST", f"/api/v1/cases/{case_id}/progress", json={"content": "已配合查看"})
    cast.unit.ok("POST", f"/api/v1/cases/{case_id}/answer", json={"content": "已修复"})
    assert ids(transport, "/api/v1/staff/queue") == []
    assert ids(cast.unit, "/api/v1/staff/queue") == []


def test_unfiltered_queues_list_newest_first_page_by_page(cast):
    start = datetime(2025, 4, 1, 2, 0, tzinfo=timezone.utc)
    made = []
    for minute, status in enumerate(("forwarded", "submitted", "forwarded", "submitted",
                                     "forwarded")):
        clock.set_now(start + timedelta(minutes=minute))
        made.append(cast.submit(content="有人在村口聚众赌博，请管一管")["id"]  # held
                    if status == "submitted" else cast.case_at(status))
    office = cast.office
    newest_first = list(reversed(made))
    assert ids(office, "/api/v1/staff/queue") == newest_first
    walked, cursor = [], ""
    while True:
        page = office.ok("GET", f"/api/v1/staff/queue?limit=2{cursor}")
        walked += [c["id"] for c in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert walked == newest_first


def test_the_unfiltered_inbox_lists_newest_first_page_by_page(cast):
    start = datetime(2025, 4, 1, 2, 0, tzinfo=timezone.utc)
    made = []
    for minute, status in enumerate(("replied", "submitted", "forwarded", "accepted")):
        clock.set_now(start + timedelta(minutes=minute))
        made.insert(0, cast.case_at(status))
    deputy = cast.deputy()
    assert ids(deputy, "/api/v1/deputy/inbox") == made
    walked, cursor = [], ""
    while True:
        page = deputy.ok("GET", f"/api/v1/deputy/inbox?limit=3{cursor}")
        walked += [c["id"] for c in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert walked == made


def test_cases_written_before_the_inbox_index_appear_in_it_after_the_reindex(cast):
    from functions.storage import keys
    from functions.storage.models import CaseItem
    from infra.reindex_cases import reindex
    case_id = cast.case_at("accepted")
    old = CaseItem.get(keys.case_pk(case_id), keys.META)
    old.inbox_pk = old.inbox_at = None  # as an item written by the previous release
    old.gsi2sk = old.gsi2sk.rsplit("#", 1)[0]
    old.save()
    assert ids(cast.deputy(), "/api/v1/deputy/inbox") == []
    assert reindex()["demo"]["written"] >= 1
    assert ids(cast.deputy(), "/api/v1/deputy/inbox") == [case_id]
