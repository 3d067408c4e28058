"""benchmarks/store_write_cost.py puts one just-submitted case three ways on one store
(its CPU figures are its output, not a test's: the machine is shared)."""
import pytest

from benchmarks import store_write_cost

pytestmark = pytest.mark.integration


def test_the_benchmark_puts_a_real_case_in_its_indexes_in_none_and_in_keys_only_ones():
    result = store_write_cost.measure(puts=3, rounds=1)
    names = {i.split(" ")[0] for i in result["indexes"]}
    # A new case is listed for its citizen, its deputy's inbox, the region's lists, the
    # reminder sweep, the overdue board and the delivery's outbox.
    assert {"gsi1", "gsi2", "gsi6", "due", "outbox", "inbox_newest"} <= names
    assert set(result["store_cpu_ms_per_put"]) == {
        "in its indexes", "in no index", "in its indexes, keys only"}
    assert result["puts"] == 3 and all(ms >= 0 for ms in result["store_cpu_ms_per_put"].values())
