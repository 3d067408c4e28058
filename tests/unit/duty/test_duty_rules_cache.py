"""The region's duty rules as this process read them last: only a guess of the term
start (the records read the rules themselves every time, record_reads.py)."""
import pytest

from functions.duty import rules, rules_cache
from functions.duty.models import DutyRulesItem

DEFAULTS = {"points": rules.DEFAULT_POINTS, "term_start": rules.DEFAULT_TERM_START}


@pytest.fixture(autouse=True)
def empty_cache():
    rules_cache.forget_cached()
    yield
    rules_cache.forget_cached()


def test_the_last_rules_read_are_the_guess_however_old():
    item = DutyRulesItem(region_id="demo", points={"voter_contact": 3}, term_start="2025-01-01")
    kept = rules_cache.remember("demo", item)
    assert kept["points"] == {**rules.DEFAULT_POINTS, "voter_contact": 3}
    assert rules_cache.last_known("demo") == kept
    assert rules_cache.remember("demo", None) == DEFAULTS  # the region's rules item went
    assert rules_cache.last_known("demo") == DEFAULTS


def test_a_region_without_rules_has_the_defaults_and_forgetting_is_per_region():
    assert rules_cache.last_known("demo") == DEFAULTS
    item = DutyRulesItem(region_id="x", term_start="2025-01-01")
    rules_cache.remember("demo", item)
    rules_cache.remember("other", item)
    rules_cache.forget_cached("demo")
    assert rules_cache.last_known("demo") == DEFAULTS
    assert rules_cache.last_known("other")["term_start"] == "2025-01-01"


def test_a_record_counts_in_its_year_and_in_the_term_it_falls_in():
    assert rules.tally_periods("2026-03-01", "2022-01-01") == ["2026", "TERM#2022-01-01"]
    assert rules.tally_periods("2026-03-01", "2026-03-01") == ["2026", "TERM#2026-03-01"]
    assert rules.tally_periods("2026-02-28", "2026-03-01") == ["2026"]
