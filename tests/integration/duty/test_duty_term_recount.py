"""The office moves the term start on its 积分规则 page: within the next minute's drain the
new term's ranking counts the records since the new start made before the move, each
record once, whatever is recorded meanwhile; two moves make one recount, and a recount
that died is run again."""
from datetime import timedelta

import pytest

from functions.duty import recount, repository, tallies, tally_store, term_recount
from functions.duty.rules import DEFAULT_POINTS, term_key
from functions.notifications import drain
from functions.shared import clock
from tests.case_fixtures import cast  # noqa: F401
from tests.integration.admin_helpers import admin_login
from tests.integration.duty_fixtures import NOW, enter, fixed_clock, ranking  # noqa: F401

pytestmark = pytest.mark.integration
MOVED = NOW + timedelta(seconds=10)  # the office moves the term start
DUE = MOVED + timedelta(minutes=1)  # the first drain after that minute


@pytest.fixture
def before_the_move(cast):
    """Records entered before the move: 张建国 a meeting in 2025 (before the new start)
    and an inspection in March 2026 (3); 李秀英 a meeting in April 2026 (2)."""
    enter(cast.office, cast.deputy_id(0), kind="meeting", date="2025-12-01")
    enter(cast.office, cast.deputy_id(0), kind="inspection", date="2026-03-01")
    enter(cast.office, cast.deputy_id(1), kind="meeting", date="2026-04-01")
    return cast


def move_term_start(app, start: str, at) -> None:
    """The office saves the rules page with a new term start (points unchanged)."""
    clock.set_now(at)
    browser = app.test_client()
    token = admin_login(browser, "office")
    form = {"csrf_token": token, "term_start": start,
            **{k: str(v) for k, v in DEFAULT_POINTS.items()}}
    assert browser.post("/admin/duty/rules", data=form).status_code == 302


def term_points(cast) -> dict:
    """Points of each deputy in the term's public ranking (those with a row)."""
    return {r["deputy"]["id"]: r["points"]
            for r in ranking(cast.anonymous, year="term")["items"]}


def counted_recounts(monkeypatch) -> list[str]:
    """The deputies the recount goes through, in order, from now on."""
    seen, real = [], recount.recount_deputy

    def counting(deputy, **kwargs):
        seen.append(deputy.deputy_id)
        return real(deputy, **kwargs)
    monkeypatch.setattr(recount, "recount_deputy", counting)
    return seen


def test_the_new_terms_ranking_counts_earlier_records_after_the_next_minute(
        before_the_move, app, monkeypatch):
    cast = before_the_move
    move_term_start(app, "2026-01-01", MOVED)
    clock.set_now(MOVED + timedelta(seconds=10))  # a record between the move and the recount
    enter(cast.office, cast.deputy_id(1), kind="inspection", date="2026-05-01")
    assert term_points(cast) == {cast.deputy_id(1): 3}  # only what came after the move
    drain.run(now=DUE - timedelta(seconds=2))  # not due yet
    assert term_points(cast) == {cast.deputy_id(1): 3}
    drain.run(now=DUE)
    points = term_points(cast)
    assert points[cast.deputy_id(0)] == 3  # March's inspection; not 2025's meeting
    assert points[cast.deputy_id(1)] == 5  # April's meeting, and May's inspection once
    assert all(p == 0 for d, p in points.items()
               if d not in (cast.deputy_id(0), cast.deputy_id(1)))  # every deputy has a row
    recounted = counted_recounts(monkeypatch)
    drain.run(now=DUE + timedelta(minutes=1))
    assert recounted == []  # done: the region is no longer marked


def test_two_moves_in_a_minute_make_one_recount_under_the_last_start(
        before_the_move, app, monkeypatch):
    cast = before_the_move
    move_term_start(app, "2026-01-01", MOVED)
    move_term_start(app, "2026-03-15", MOVED + timedelta(seconds=20))
    recounted = counted_recounts(monkeypatch)
    drain.run(now=DUE)
    assert len(recounted) == len(set(recounted)) >= 2  # each deputy once
    drain.run(now=DUE + timedelta(minutes=1))
    drain.run(now=DUE + timedelta(minutes=2))
    assert len(recounted) == len(set(recounted))
    points = term_points(cast)
    assert points[cast.deputy_id(1)] == 2 and points[cast.deputy_id(0)] == 0
    assert tally_store.get(cast.deputy_id(0), term_key("2026-03-15")) is not None


class Killed(BaseException):
    """The drain's process ends mid-recount (no handler catches it)."""


def test_a_recount_that_died_is_run_again_by_the_next_minute(before_the_move, app,
                                                             monkeypatch):
    cast = before_the_move
    move_term_start(app, "2026-01-01", MOVED)
    real, calls = recount.recount_deputy, []

    def dies_at_the_second(deputy, **kwargs):
        calls.append(deputy.deputy_id)
        if len(calls) == 2:
            raise Killed()
        return real(deputy, **kwargs)
    monkeypatch.setattr(recount, "recount_deputy", dies_at_the_second)
    with pytest.raises(Killed):
        drain.run(now=DUE)
    monkeypatch.setattr(recount, "recount_deputy", real)
    drain.run(now=DUE + timedelta(minutes=1))
    points = term_points(cast)
    assert (points[cast.deputy_id(0)], points[cast.deputy_id(1)]) == (3, 2)


def test_a_record_verified_while_the_recount_sums_is_counted_once(before_the_move, app,
                                                                  monkeypatch):
    """The record is written after the recount read 李秀英's records and ADDed before
    the recount writes her tally: the rewrite must not land over that ADD."""
    cast = before_the_move
    move_term_start(app, "2026-01-01", MOVED)
    real, late = repository.of_deputy, []

    def a_record_right_after_the_read(deputy_id, year=None):
        records = list(real(deputy_id, year))
        if deputy_id == cast.deputy_id(1) and not late:
            late.append(enter(cast.office, deputy_id, kind="inspection", date="2026-06-01"))
        return records
    monkeypatch.setattr(repository, "of_deputy", a_record_right_after_the_read)
    clock.set_now(DUE)
    drain.run(now=DUE)
    # Her rewrite failed on the ADD; she is left to the next minute (her record is too
    # fresh for a rewrite to know whether its ADD has landed), the ADD stands meanwhile.
    assert term_points(cast)[cast.deputy_id(1)] == 3
    drain.run(now=DUE + timedelta(minutes=1))
    points = term_points(cast)
    assert (points[cast.deputy_id(0)], points[cast.deputy_id(1)]) == (3, 5)
    assert tally_store.view(tally_store.get(cast.deputy_id(1), "2026"))["points"] == 5


def test_a_record_whose_add_lands_after_the_rewrite_is_not_counted_twice(
        before_the_move, app, monkeypatch):
    """The record is written before the recount reads 李秀英's records, but its request's
    ADD comes only after the recount's rewrite: while a record is that fresh, the
    recount leaves her to the next minute instead of counting it along."""
    cast = before_the_move
    move_term_start(app, "2026-01-01", MOVED)
    real_read, real_count, on_the_way = repository.of_deputy, tallies.count, []

    def a_record_before_the_read(deputy_id, year=None):
        if deputy_id == cast.deputy_id(1) and not on_the_way:
            monkeypatch.setattr(tallies, "count", lambda *a, **k: on_the_way.append((a, k)))
            enter(cast.office, deputy_id, kind="inspection", date="2026-06-01")
            monkeypatch.setattr(tallies, "count", real_count)
        return real_read(deputy_id, year)
    monkeypatch.setattr(repository, "of_deputy", a_record_before_the_read)
    clock.set_now(DUE)
    drain.run(now=DUE)
    for args, kwargs in on_the_way:  # the request's ADD lands now
        real_count(*args, **kwargs)
    drain.run(now=DUE + timedelta(minutes=1))
    points = term_points(cast)
    assert (points[cast.deputy_id(0)], points[cast.deputy_id(1)]) == (3, 5)
    assert tally_store.view(tally_store.get(cast.deputy_id(1), "2026"))["points"] == 5


def test_a_large_region_is_recounted_a_slice_a_minute_each_deputy_once(
        before_the_move, app, monkeypatch):
    cast = before_the_move
    move_term_start(app, "2026-01-01", MOVED)
    monkeypatch.setattr(term_recount, "SLICE", 1)
    recounted = counted_recounts(monkeypatch)
    drain.run(now=DUE)
    assert len(recounted) == 1
    for minute in range(1, 8):
        drain.run(now=DUE + timedelta(minutes=minute))
    assert len(recounted) == len(set(recounted)) >= 3  # each once, then the mark is gone
    points = term_points(cast)
    assert (points[cast.deputy_id(0)], points[cast.deputy_id(1)]) == (3, 2)
