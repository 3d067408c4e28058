"""An activity published again with its Idempotency-Key after its end (the office's page
retrying late) gets the stored activity back, not a 400 for an end in the past; the same
key with another activity is 409, and a new key with those times is still 400."""
from datetime import timedelta

import pytest

from functions.shared import clock
from tests.case_fixtures import PASSWORD, assert_error, cast  # noqa: F401
from tests.integration.duty_fixtures import NOW, fixed_clock, key  # noqa: F401
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
PATH = "/api/v1/staff/activities"
BODY = {"kind": "inspection", "title": "视察城东污水处理厂", "place": "城东污水处理厂",
        "starts_at": "2026-06-17T01:00:00Z", "ends_at": "2026-06-17T04:00:00Z",
        "capacity": 2, "signup_deadline": "2026-06-16T10:00:00Z"}
# An hour after its end: still in the deputies' list (check-in lasts 2 h), refused as new.
LATE = NOW + timedelta(days=2, hours=3)


def test_an_activity_published_again_after_its_end_is_answered_from_the_store(cast):
    cast.deputy()  # bound to seeded deputy 0, to read the region's activities later
    headers = key()
    first = cast.office.ok("POST", PATH, 201, headers=headers, json=BODY)["activity"]
    clock.set_now(LATE)
    office = cast.anonymous.as_staff("office", PASSWORD)  # a new login: tokens expire meanwhile
    again = office.ok("POST", PATH, 200, headers=headers, json=BODY)["activity"]
    assert again == first  # the same id and check-in code
    listed = cast.anonymous.as_citizen("deputy-0").ok("GET", "/api/v1/activities")["items"]
    assert [a["id"] for a in listed] == [first["id"]]  # no second activity
    assert_error(office.post(PATH, headers=key(), json=BODY), 400, "validation_error",
                 "ends_at")


def test_a_late_retry_with_another_activity_under_the_key_is_a_conflict(cast):
    headers = key()
    cast.office.ok("POST", PATH, 201, headers=headers, json=BODY)
    clock.set_now(LATE)
    office = cast.anonymous.as_staff("office", PASSWORD)
    assert_error(office.post(PATH, headers=headers, json={**BODY, "title": "另一次视察"}),
                 409, "conflict", "Idempotency-Key")
    assert_error(office.post(PATH, headers=headers, json={**BODY, "title": ""}),
                 409, "conflict", "Idempotency-Key")


def test_a_unit_sending_the_offices_key_late_is_still_forbidden(cast):
    headers = key()
    cast.office.ok("POST", PATH, 201, headers=headers, json=BODY)
    clock.set_now(LATE)
    unit = cast.anonymous.as_staff("unit1", PASSWORD)
    assert_error(unit.post(PATH, headers=headers, json=BODY), 403, "forbidden")


def test_a_new_activity_reads_nothing_more_for_its_key(cast):
    cast.office  # logged in before counting
    with StoreCallCounter() as counter:
        counter.take()
        cast.office.ok("POST", PATH, 201, headers=key(), json=BODY)
        calls = counter.take()
    assert not [c for c in calls if c.operation == "GetItem" and c.key == "ACTIVITY"]
