"""The office moves the region's term start in one process while another has read the
rules moments before: the other's next record counts in the new term's tally, not the
old one's (which the nightly recount, rebuilding only the current term, never repairs)."""
from datetime import timedelta

import pytest

from functions.duty import recount, rules, tally_store
from functions.duty.models import DutyRulesItem, rules_pk
from functions.shared import clock
from tests.case_fixtures import cast  # noqa: F401
from tests.integration.duty.test_duty_activities import STARTS, path, publish
from tests.integration.duty_fixtures import NOW, fixed_clock  # noqa: F401

pytestmark = pytest.mark.integration
OLD, NEW = rules.term_key(rules.DEFAULT_TERM_START), rules.term_key("2026-01-01")


def tally(deputy_id: str, period: str) -> tuple[int, int] | None:
    """(points, records) of the deputy's tally of `period`, None when there is none."""
    item = tally_store.get(deputy_id, period)
    return None if item is None else (int(item.points), sum(
        tally_store.view(item)["by_kind"].values()))


def moved_by_another_process() -> None:
    """Process A saves the new term start: the store changes, this process's rules (read
    by its last record, less than a minute ago) are not dropped."""
    DutyRulesItem(pk=rules_pk("demo"), sk="META", region_id="demo",
                  points=dict(rules.DEFAULT_POINTS), term_start="2026-01-01").save()


def test_a_case_record_right_after_the_move_counts_in_the_new_term(cast):
    deputy_id = cast.deputy_id()
    cast.case_at("replied")  # this process reads the rules: the old term
    assert tally(deputy_id, OLD) == (1, 1)
    moved_by_another_process()
    clock.set_now(NOW + timedelta(seconds=20))
    cast.case_at("replied")
    assert tally(deputy_id, NEW) == (1, 1)  # the record made after the move
    assert tally(deputy_id, OLD) == (1, 1)  # not counted in the old term as well
    recount.recount_region("demo", now=clock.now())
    assert tally(deputy_id, NEW) == (2, 2)  # the term since 2026-01-01: both records
    assert tally(deputy_id, OLD) == (1, 1)


def test_a_check_in_right_after_the_move_counts_in_the_new_term(cast):
    activity = publish(cast.office)
    code = {"code": activity["check_in_code"]}
    clock.set_now(STARTS - timedelta(minutes=30))
    cast.deputy(1).ok("POST", path(activity, "check-in"), json=code)  # reads the old term
    moved_by_another_process()
    clock.set_now(STARTS - timedelta(minutes=29, seconds=40))
    cast.deputy(0).ok("POST", path(activity, "check-in"), json=code)
    assert tally(cast.deputy_id(0), NEW) == (3, 1)
    assert tally(cast.deputy_id(0), OLD) is None
