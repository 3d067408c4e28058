"""The region's duty rules kept a minute per process, timed by the one clock."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.duty import rules, rules_cache
from functions.duty.models import DutyRulesItem
from functions.shared import clock

READ_AT = datetime(2026, 6, 15, 2, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def empty_cache():
    rules_cache.forget_cached()
    yield
    rules_cache.forget_cached()
    clock.set_now(None)


def test_rules_are_kept_for_cache_seconds_then_only_guessed_from():
    item = DutyRulesItem(region_id="demo", points={"voter_contact": 3}, term_start="2025-01-01")
    kept = rules_cache.remember("demo", item, READ_AT)
    assert kept["points"] == {**rules.DEFAULT_POINTS, "voter_contact": 3}
    clock.set_now(READ_AT + timedelta(seconds=rules_cache.CACHE_SECONDS - 1))
    assert rules_cache.fresh("demo") == kept
    clock.set_now(READ_AT + timedelta(seconds=rules_cache.CACHE_SECONDS))
    assert rules_cache.fresh("demo") is None
    assert rules_cache.last_known("demo")["term_start"] == "2025-01-01"  # the term's guess
    clock.set_now(READ_AT - timedelta(seconds=1))  # a clock set back: read again
    assert rules_cache.fresh("demo") is None


def test_a_region_without_rules_has_the_defaults_and_forgetting_is_per_region():
    assert rules_cache.last_known("demo") == {"points": rules.DEFAULT_POINTS,
                                              "term_start": rules.DEFAULT_TERM_START}
    rules_cache.remember("demo", None, READ_AT)
    rules_cache.remember("other", None, READ_AT)
    clock.set_now(READ_AT)
    rules_cache.forget_cached("demo")
    assert rules_cache.fresh("demo") is None and rules_cache.fresh("other") is not None


def test_a_record_counts_in_its_year_and_in_the_term_it_falls_in():
    assert rules.tally_periods("2026-03-01", "2022-01-01") == ["2026", "TERM#2022-01-01"]
    assert rules.tally_periods("2026-03-01", "2026-03-01") == ["2026", "TERM#2026-03-01"]
    assert rules.tally_periods("2026-02-28", "2026-03-01") == ["2026"]
