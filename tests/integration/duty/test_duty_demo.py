"""The demo seed's year of duty records: the ranking and an archive have something real."""
import pytest

from infra.demo_cases import create_demo_cases
from infra.demo_duty import create_demo_duty
from tests.case_fixtures import Caller
from tests.integration.duty_fixtures import fixed_clock  # noqa: F401

pytestmark = pytest.mark.integration


def test_the_demo_year_fills_the_ranking_and_the_archives(seeded, client):
    deputies = seeded["deputies"]
    create_demo_cases(deputies)
    made = create_demo_duty(deputies)
    assert made > 30
    anyone = Caller(client)
    rows = anyone.ok("GET", "/api/v1/duty/ranking?region_id=demo&year=2026")["items"]
    assert len(rows) == 3 and rows[0]["points"] > 0
    assert [r["points"] for r in rows] == sorted((r["points"] for r in rows), reverse=True)
    archive = anyone.ok("GET", f"/api/v1/deputies/{deputies[0]['id']}/archive?year=2026")
    assert archive["records"] and all(r["status"] == "verified" for r in archive["records"])
    assert archive["cases"]["received_all_time"] >= 1
