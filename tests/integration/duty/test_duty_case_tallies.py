"""A case's voter_contact record after the case write: the deputy, tallies and region's
rules read in one call, each tally moved in one conditional write (the ADD and score move
on a race)."""
import threading
from datetime import timedelta

import pytest

from functions.cases import repository as case_repository
from functions.duty import automatic, repository, rules, tally_store
from functions.duty.models import DutyRulesItem, rules_pk
from functions.shared import clock
from tests.case_fixtures import cast  # noqa: F401
from tests.integration.duty_fixtures import NOW, fixed_clock, raced_tallies, ranking  # noqa: F401

pytestmark = pytest.mark.integration


def points_of_contact(deputy, case_id: str) -> int:
    records = deputy.ok("GET", "/api/v1/deputy/duty-records")["items"]
    return next(r["points"] for r in records if r["ref"] == case_id)


def replied(case_id: str) -> tuple[dict, dict]:
    """The accepted case and the same case as the deputy's reply would write it."""
    case = case_repository.get(case_id)
    entry = {"at": clock.iso(clock.now()), "actor_role": "deputy", "action": "reply"}
    return case, dict(case, status="replied", timeline=[*case["timeline"], entry])


def assert_scored(deputy_id: str, period: str, points: int, contacts: int) -> None:
    """The tally holds `points` of `contacts` records and every ranking partition it is in
    sorts it by them."""
    tally = tally_store.get(deputy_id, period)
    assert (int(tally.points), int(tally.count_voter_contact)) == (points, contacts)
    partitions = [(h, r) for _, h, r, _ in tally_store.FILTERS.values() if getattr(tally, h)]
    assert len(partitions) >= 2  # the region's and the deputy's level's at least
    assert {getattr(tally, r) for _, r in partitions} == {rules.score_key(points, deputy_id)}


def test_two_records_of_one_deputy_at_once_both_count_and_the_score_follows(cast, raced_tallies):
    """Both read the tallies before either writes: one conditional write per tally wins,
    the other finds the points moved and takes the ADD and the score's move."""
    deputy_id = cast.deputy_id()
    fallbacks = raced_tallies
    for total in (2, 4):  # first no tally yet, then tallies at 2 points
        writes = [replied(cast.case_at("accepted")) for _ in range(2)]
        threads = [threading.Thread(target=automatic.after_case_write, args=w) for w in writes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(fallbacks) == ["2026", rules.term_key(rules.DEFAULT_TERM_START)]
        fallbacks.clear()
        for period in ("2026", rules.term_key(rules.DEFAULT_TERM_START)):
            assert_scored(deputy_id, period, total, total)
    assert [(r["deputy"]["id"], r["points"]) for r in ranking(cast.anonymous)["items"]] == \
        [(deputy_id, 4)]


def test_rules_changed_in_another_process_apply_to_the_next_record(cast):
    """The rules are read with every record (in its one read): an edit another process
    saved moments after this one read them applies at once, the term start too."""
    deputy = cast.deputy()
    assert points_of_contact(deputy, cast.case_at("replied")) == 1  # rules read
    DutyRulesItem(pk=rules_pk("demo"), sk="META", region_id="demo",
                  points={**rules.DEFAULT_POINTS, "voter_contact": 3},
                  term_start="2026-01-01").save()  # as another process's edit writes it
    clock.set_now(NOW + timedelta(seconds=1))
    assert points_of_contact(deputy, cast.case_at("replied")) == 3
    assert_scored(cast.deputy_id(), rules.term_key("2026-01-01"), 3, 1)
    assert ranking(cast.anonymous)["items"][0]["points"] == 4  # the year's: 1 + 3


def test_an_edit_made_through_this_process_applies_to_the_next_record(cast):
    deputy = cast.deputy()
    assert points_of_contact(deputy, cast.case_at("replied")) == 1
    repository.save_rules("demo", points={**rules.DEFAULT_POINTS, "voter_contact": 2},
                          term_start=rules.DEFAULT_TERM_START, at=clock.iso(clock.now()))
    assert points_of_contact(deputy, cast.case_at("replied")) == 2


def test_a_case_outside_its_deputys_region_scores_under_the_deputys_rules(cast):
    """Never expected (a case is submitted on its deputy's own code); the record then
    reads the deputy's region's rules and moves the tallies by ADD."""
    DutyRulesItem(pk=rules_pk("elsewhere"), sk="META", region_id="elsewhere",
                  points={**rules.DEFAULT_POINTS, "voter_contact": 9}).save()
    old, new = replied(cast.case_at("accepted"))
    automatic.after_case_write(dict(old, region_id="elsewhere"), dict(new, region_id="elsewhere"))
    assert points_of_contact(cast.deputy(), new["id"]) == 1
    assert_scored(cast.deputy_id(), "2026", 1, 1)
