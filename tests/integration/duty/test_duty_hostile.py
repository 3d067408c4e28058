"""Hostile input on the duty endpoints: a clean 4xx, nothing written, markup stays text."""
import pytest

from tests.case_fixtures import assert_error, cast  # noqa: F401
from tests.integration.admin_helpers import admin_login
from tests.integration.duty_fixtures import enter, fixed_clock, key, record_body  # noqa: F401

pytestmark = pytest.mark.integration
OWN = "/api/v1/deputy/duty-records"


def test_odd_bodies_and_ids_are_4xx_and_write_nothing(cast):
    deputy, office = cast.deputy(), cast.office
    assert_error(deputy.post(OWN, headers=key(), data="kind=meeting",
                             content_type="application/x-www-form-urlencoded"), 400,
                 "validation_error", "body")
    assert_error(deputy.post(OWN, headers=key(), json=["meeting"]), 400, "validation_error")
    assert_error(deputy.post(OWN, headers=key(), json=record_body(kind=["meeting"], photos={})),
                 400, "validation_error", "kind")
    assert_error(deputy.post(OWN, headers={"Idempotency-Key": "k" * 101}, json=record_body()),
                 400, "validation_error", "Idempotency-Key")
    long_id = "x" * 3000
    assert_error(office.post(f"/api/v1/staff/duty-records/{long_id}/verify"), 404,
                 "not_found")
    assert_error(deputy.post(f"/api/v1/activities/{long_id}/signup"), 404, "not_found")
    assert_error(deputy.get(f"/api/v1/deputies/{long_id}/archive"), 404, "not_found")
    assert_error(deputy.post("/api/v1/activities/nope/check-in", json={"code": 12}), 404,
                 "not_found")
    assert_error(office.post("/api/v1/staff/duty-records", headers=key(),
                             json=record_body(deputy_id={"$ne": None})), 400,
                 "validation_error", "deputy_id")
    assert deputy.ok("GET", OWN)["items"] == []


def test_markup_in_a_record_is_text_on_the_pages(cast, app, client):
    enter(cast.office, cast.deputy_id(), title="<script>alert(1)</script>",
          content="<img src=x onerror=alert(2)>")
    public = client.get(f"/h5/deputies/{cast.deputy_id()}?year=2026").get_data(as_text=True)
    assert "<script>alert(1)" not in public and "&lt;script&gt;" in public
    browser = app.test_client()
    admin_login(browser, "office")
    page = browser.get(f"/admin/duty/deputies/{cast.deputy_id()}?year=2026").get_data(
        as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x" in page
