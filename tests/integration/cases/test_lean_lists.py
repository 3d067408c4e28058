"""Lists read each case's stored summary, never the whole item, and show the same rows as
the whole case would; cases written before summaries still list, and the nightly
reconcile gives them theirs."""
import dataclasses
from datetime import datetime, timezone

import pytest

from functions.cases import repository
from functions.cases.views import public_view, summary_view
from functions.reporting import recount as reconcile
from functions.shared import clock
from functions.storage import keys
from functions.storage.models import CaseItem
from tests.case_fixtures import cast  # noqa: F401

pytestmark = pytest.mark.integration

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc)
LATER = datetime(2026, 4, 20, 1, 0, tzinfo=timezone.utc)  # past every deadline


@pytest.fixture
def settings(settings):
    """Sessions that outlive the month these tests jump across."""
    return dataclasses.replace(settings, token_ttl_hours=24 * 90)


def rows(caller, path):
    return caller.ok("GET", path)["items"]


def expected(case_id, now):
    return summary_view(repository.get(case_id), now=now)


def every_list(cast):
    """(caller, path, whether rows carry `reason`) of each list the cast can see."""
    return [(cast.citizen(), "/api/v1/cases/mine", False),
            (cast.deputy(), "/api/v1/deputy/inbox", False),
            (cast.deputy(), "/api/v1/deputy/inbox?status=forwarded", False),
            (cast.office, "/api/v1/staff/queue", True),
            (cast.unit, "/api/v1/staff/queue", True),
            (cast.unit, "/api/v1/staff/queue?tab=done", True)]


def a_case_in_each_place(cast):
    clock.set_now(NOW)
    made = [cast.case_at(s) for s in ("submitted", "accepted", "forwarded", "assigned",
                                      "in_progress", "answered", "closed")]
    made.append(cast.case_at("in_progress", public=True))
    return made


def assert_rows_are_the_whole_cases_rows(cast, now):
    for caller, path, with_reason in every_list(cast):
        listed = rows(caller, path)
        assert listed, path
        for row in listed:
            shown = {k: v for k, v in row.items() if k != "reason"}
            assert shown == expected(row["id"], now), path
            assert ("reason" in row) == with_reason, path


def test_every_lists_rows_are_what_the_whole_case_shows_now_and_later(cast):
    a_case_in_each_place(cast)
    for now in (NOW, LATER):  # overdue is worked out when the list is read
        clock.set_now(now)
        assert_rows_are_the_whole_cases_rows(cast, now)
    assert any(row["overdue"] for row in rows(cast.office, "/api/v1/staff/queue"))


def test_the_public_list_shows_what_the_whole_published_case_shows(cast):
    clock.set_now(NOW)
    published = cast.case_at("in_progress", public=True)
    listed = rows(cast.anonymous, "/api/v1/public/cases?region_id=demo")
    assert listed == [public_view(repository.get(published))]


def test_cases_without_a_summary_still_list_and_the_reconcile_fills_it_in(cast):
    made = a_case_in_each_place(cast)
    before = {(path, caller.token): rows(caller, path) for caller, path, _ in every_list(cast)}
    for case_id in made:
        item = CaseItem.get(keys.case_pk(case_id), keys.META)
        item.summary = None
        CaseItem.save(item)
    assert all(CaseItem.get(keys.case_pk(c), keys.META).summary is None for c in made)
    after = {(path, caller.token): rows(caller, path) for caller, path, _ in every_list(cast)}
    assert after == before
    reconcile.run(now=NOW)
    assert all(CaseItem.get(keys.case_pk(c), keys.META).summary for c in made)
    assert {(path, caller.token): rows(caller, path)
            for caller, path, _ in every_list(cast)} == before


def test_the_reconcile_puts_an_old_answered_case_on_its_units_done_tab(cast):
    clock.set_now(NOW)
    answered = cast.case_at("answered")
    item = CaseItem.get(keys.case_pk(answered), keys.META)
    item.summary = item.gsi3pk = item.gsi3sk = None  # as written before the tab existed
    CaseItem.save(item)
    assert rows(cast.unit, "/api/v1/staff/queue?tab=done") == []
    reconcile.run(now=NOW)
    assert [r["id"] for r in rows(cast.unit, "/api/v1/staff/queue?tab=done")] == [answered]


def test_the_overdue_board_shows_the_whole_cases_rows_from_their_summaries(cast):
    from functions.reporting import overdue_board
    made = a_case_in_each_place(cast)
    office = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}
    assert overdue_board.board(actor=office, now=NOW)["items"] == []
    board = overdue_board.board(actor=office, now=LATER)["items"]
    assert len(board) >= 4 and {row["id"] for row in board} <= set(made)
    assert board == [expected(row["id"], LATER) for row in board]
    paged = overdue_board.board(actor=office, now=LATER, limit=2)
    rest = overdue_board.board(actor=office, now=LATER, limit=100, cursor=paged["next_cursor"])
    assert [r["id"] for r in paged["items"] + rest["items"]] == [r["id"] for r in board]


def test_the_reconcile_leaves_cases_whose_summary_is_current_alone(cast):
    made = a_case_in_each_place(cast)
    versions = {c: CaseItem.get(keys.case_pk(c), keys.META).version for c in made}
    reconcile.run(now=NOW)
    assert {c: CaseItem.get(keys.case_pk(c), keys.META).version for c in made} == versions
