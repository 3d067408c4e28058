"""The duty reads stay flat as deputies and records grow (benchmarks/duty_growth.py at a
small size; make bench runs 100 / 10k deputies with 1k / 100k records)."""
import pytest

pytestmark = pytest.mark.integration


def test_ranking_archive_queue_and_recount_stay_flat_as_a_region_grows():
    from benchmarks.duty_growth import FLAT, measure
    result = measure([(100, 1000), (400, 4000)], progress=lambda _: None)
    first_pages = [r for r in result["rows"] if r["operation"] == "ranking first page"]
    assert [r["calls"] for r in first_pages] == [1, 1]  # one Query per page
    assert result["flat"] == {name: True for name in FLAT}
