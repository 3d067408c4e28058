"""A duty record retried with its Idempotency-Key gets the stored record back however late
the retry: it is not checked again as a new record (its photo may be past its week by
then), while a new record with that photo is refused."""
from datetime import timedelta

import pytest

from functions.cases.photo_day_claims import ATTACHABLE_DAYS
from functions.shared import clock
from tests.case_fixtures import PASSWORD, assert_error, cast  # noqa: F401
from tests.integration.duty_fixtures import NOW, fixed_clock, key, record_body  # noqa: F401

pytestmark = pytest.mark.integration
OWN, STAFF = "/api/v1/deputy/duty-records", "/api/v1/staff/duty-records"
LATE = NOW + timedelta(days=ATTACHABLE_DAYS + 2)  # day 9: the photo is no longer attachable


def stored(record: dict) -> dict:
    """The record as stored: its photos' signed links are made anew at each answer."""
    return {**record, "photos": [p["file_id"] for p in record["photos"]]}


def test_a_deputys_record_retried_after_its_photos_week_is_answered_from_the_store(cast):
    photo = cast.deputy().upload_photo()["file_id"]
    headers, body = key(), record_body(photos=[photo])
    first = cast.deputy().ok("POST", OWN, 201, headers=headers, json=body)["record"]
    clock.set_now(LATE)
    deputy = cast.anonymous.as_citizen("deputy-0")  # a new login: tokens expire meanwhile
    again = deputy.ok("POST", OWN, 200, headers=headers, json=body)["record"]
    assert stored(again) == stored(first)
    mine = deputy.ok("GET", f"{OWN}?year=2026")["items"]
    assert [r["id"] for r in mine] == [first["id"]]  # no second record
    error = assert_error(deputy.post(OWN, headers=key(), json=body), 400,
                         "validation_error", "photos")
    assert photo in error["fields"]["photos"]


def test_an_office_entry_retried_after_its_photos_week_counts_its_points_once(cast):
    cast.deputy()  # bound to seeded deputy 0, to read the record's points later
    photo = cast.office.upload_photo()["file_id"]
    headers, body = key(), record_body(deputy_id=cast.deputy_id(0), photos=[photo])
    first = cast.office.ok("POST", STAFF, 201, headers=headers, json=body)["record"]
    clock.set_now(LATE)
    office = cast.anonymous.as_staff("office", PASSWORD)
    again = office.ok("POST", STAFF, 200, headers=headers, json=body)["record"]
    assert stored(again) == stored(first)
    totals = cast.anonymous.as_citizen("deputy-0").ok("GET", f"{OWN}?year=2026")["totals"]
    assert totals["points"] == first["points"] == 3
    assert_error(office.post(STAFF, headers=key(), json=body), 400, "validation_error",
                 "photos")


def test_a_late_retry_with_another_request_under_the_key_is_still_a_conflict(cast):
    photo = cast.deputy().upload_photo()["file_id"]
    headers = key()
    cast.deputy().ok("POST", OWN, 201, headers=headers, json=record_body(photos=[photo]))
    clock.set_now(LATE)
    deputy = cast.anonymous.as_citizen("deputy-0")
    assert_error(deputy.post(OWN, headers=headers, json=record_body(
        title="另一次活动", photos=[photo])), 409, "conflict", "Idempotency-Key")
