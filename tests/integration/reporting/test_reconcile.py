"""The nightly recount agrees with the counters the writes kept, and repairs drift."""
import pytest

from functions.reporting import counters, recount as reconcile
from functions.storage import keys
from functions.storage.low_level import add_numbers
from infra.demo_cases import create_demo_cases

pytestmark = pytest.mark.integration


@pytest.fixture
def demo_cases(seeded):
    return create_demo_cases(seeded["deputies"])


def test_counters_kept_by_the_writes_need_no_repair(demo_cases):
    assert reconcile.recount_region("demo") == {"cases": 4, "scopes": 4, "repaired": 0}
    figures = counters.figures("REGION#demo")
    assert figures["total"] == 4
    assert {s: figures.get(f"status:{s}", 0) for s in
            ("submitted", "forwarded", "replied", "answered")} == {
        "submitted": 1, "forwarded": 1, "replied": 1, "answered": 1}


def test_a_counter_that_drifted_is_put_right(demo_cases):
    add_numbers(keys.counter_pk("REGION#demo"), {"total": 5, "status:closed": 2})
    assert reconcile.recount_region("demo")["repaired"] == 1
    figures = counters.figures("REGION#demo")
    assert figures["total"] == 4 and not figures.get("status:closed")


def test_the_nightly_run_visits_every_region(demo_cases):
    from functions.shared import clock
    result = reconcile.run(now=clock.now())
    assert list(result) == ["demo"] and result["demo"]["cases"] == 4
