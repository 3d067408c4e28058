"""Duty records over HTTP: report → verify or reject, office entries, and every refusal."""
import pytest

from tests.case_fixtures import assert_error, cast, outcome  # noqa: F401
from tests.integration.duty_fixtures import (enter, fixed_clock, key, record_body,  # noqa: F401
                                             report, verify)

pytestmark = pytest.mark.integration
OWN = "/api/v1/deputy/duty-records"
STAFF = "/api/v1/staff/duty-records"


def test_a_reported_record_waits_for_the_office_and_verifying_fixes_its_points(cast):
    record = report(cast.deputy())
    assert record["status"] == "pending" and record["points"] is None
    waiting = cast.office.ok("GET", f"{STAFF}?status=pending")["items"]
    assert [r["id"] for r in waiting] == [record["id"]]
    verified = verify(cast.office, record["id"])
    assert (verified["status"], verified["points"]) == ("verified", 3)
    assert cast.office.ok("GET", STAFF)["items"] == []
    mine = cast.deputy().ok("GET", f"{OWN}?year=2026")
    assert mine["totals"]["points"] == 3 and mine["totals"]["by_kind"]["inspection"] == 1


def test_a_rejected_record_carries_the_reason_the_deputy_sees_and_earns_nothing(cast):
    record = report(cast.deputy())
    assert_error(cast.office.post(f"{STAFF}/{record['id']}/reject", json={}), 400,
                 "validation_error", "reason")
    rejected = cast.office.ok("POST", f"{STAFF}/{record['id']}/reject",
                              json={"reason": "缺少活动照片"})
    assert rejected["record"]["status"] == "rejected"
    mine = cast.deputy().ok("GET", OWN)
    assert mine["items"][0]["reason"] == "缺少活动照片" and mine["totals"]["points"] == 0


def test_deciding_a_record_twice_is_409_and_changes_nothing(cast):
    record = report(cast.deputy())
    verify(cast.office, record["id"])
    for verdict, body in (("verify", None), ("reject", {"reason": "重复"})):
        assert_error(cast.office.post(f"{STAFF}/{record['id']}/{verdict}", json=body), 409,
                     "invalid_transition")
    assert cast.deputy().ok("GET", OWN)["totals"]["points"] == 3


def test_the_office_enters_verified_records_with_the_points_of_the_region(cast):
    record = enter(cast.office, cast.deputy_id(1), kind="meeting", title="出席县人代会")
    assert (record["status"], record["points"], record["source"]) == ("verified", 2, "office")


def test_the_same_idempotency_key_returns_the_same_record(cast):
    deputy, headers = cast.deputy(), key()
    first = deputy.ok("POST", OWN, 201, headers=headers, json=record_body())
    again = deputy.ok("POST", OWN, 200, headers=headers, json=record_body())
    assert again == first
    assert_error(deputy.post(OWN, headers=headers, json=record_body(title="另一条")), 409,
                 "conflict")
    assert_error(deputy.post(OWN, json=record_body()), 400, "validation_error",
                 "Idempotency-Key")
    assert len(deputy.ok("GET", OWN)["items"]) == 1


@pytest.mark.parametrize("overrides, field", [
    ({"kind": "dancing"}, "kind"),
    ({"date": "2026-06-16"}, "date"),  # tomorrow in Shanghai
    ({"date": "2021-12-31"}, "date"),  # before the term
    ({"date": "15/06/2026"}, "date"),
    ({"title": ""}, "title"),
    ({"title": "长" * 101}, "title"),
    ({"photos": "f1"}, "photos"),
])
def test_invalid_reports_are_400_and_write_nothing(cast, overrides, field):
    deputy = cast.deputy()
    assert_error(deputy.post(OWN, headers=key(), json=record_body(**overrides)), 400,
                 "validation_error", field)
    assert deputy.ok("GET", OWN)["items"] == []


def test_more_than_nine_photos_or_someone_elses_are_refused(cast):
    deputy = cast.deputy()
    photos = [deputy.upload_photo((i * 20, 0, 0))["file_id"] for i in range(10)]
    assert_error(deputy.post(OWN, headers=key(), json=record_body(photos=photos)), 400,
                 "validation_error", "photos")
    others = cast.citizen().upload_photo()["file_id"]
    assert_error(deputy.post(OWN, headers=key(), json=record_body(photos=[others])), 400,
                 "validation_error", "photos")
    kept = report(deputy, photos=photos[:9])
    assert [p["file_id"] for p in kept["photos"]] == photos[:9]
    assert len(deputy.ok("GET", OWN)["items"]) == 1


def test_another_regions_office_may_neither_enter_nor_decide(cast):
    from functions.org import regions
    from functions.identity import staff_accounts
    regions.create_region(region_id="other", name="别县")
    staff_accounts.create_account(username="office2", password="demo12345", role="office",
                                  region_id="other")
    stranger = cast.staff("office2")
    assert_error(stranger.post(STAFF, headers=key(), json=record_body(
        deputy_id=cast.deputy_id())), 403, "forbidden")
    record = report(cast.deputy())
    assert_error(stranger.post(f"{STAFF}/{record['id']}/verify"), 403, "forbidden")
    assert stranger.ok("GET", STAFF)["items"] == []
    assert cast.office.ok("GET", STAFF)["items"][0]["status"] == "pending"
