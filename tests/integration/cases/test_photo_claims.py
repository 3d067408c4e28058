"""An upload belongs to the first case, duty record or project that attaches it: every
place that takes upload ids refuses a photo held elsewhere (409), a retry still works."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.channels import files
from functions.shared import clock
from tests.case_fixtures import assert_error, case_body, cast  # noqa: F401
from tests.integration.duty_fixtures import key, record_body
from tests.integration.projects_cast import pcast  # noqa: F401

pytestmark = pytest.mark.integration
CASES, DUTY = "/api/v1/cases", "/api/v1/deputy/duty-records"


def submit(cast, idem: str, photos: list[str], citizen: str = "wang"):
    return cast.citizen(citizen).post(CASES, headers={"Idempotency-Key": idem},
                                      json=case_body(cast.entry_code(0), photos=photos))


def test_a_photo_of_one_case_is_refused_for_a_second_case_and_a_retry_still_works(cast):
    photo = cast.citizen().upload_photo()["file_id"]
    first = submit(cast, "first", [photo])
    assert first.status_code == 201
    error = assert_error(submit(cast, "second", [photo]), 409, "conflict", "photos")
    assert photo in error["fields"]["photos"]
    retried = submit(cast, "first", [photo])
    assert retried.status_code == 200
    assert retried.get_json()["case"]["id"] == first.get_json()["case"]["id"]
    assert len(cast.citizen().ok("GET", "/api/v1/cases/mine")["items"]) == 1


def test_a_refused_request_lets_go_of_the_photos_it_had_just_claimed(cast):
    citizen = cast.citizen()
    taken, fresh = citizen.upload_photo()["file_id"], citizen.upload_photo((1, 2, 3))["file_id"]
    assert submit(cast, "holder", [taken]).status_code == 201
    error = assert_error(submit(cast, "both", [fresh, taken]), 409, "conflict", "photos")
    assert taken in error["fields"]["photos"] and fresh not in error["fields"]["photos"]
    assert submit(cast, "fresh-only", [fresh]).status_code == 201


def test_a_key_reused_for_another_case_leaves_its_new_photo_free(cast):
    citizen = cast.citizen()
    first, other = citizen.upload_photo()["file_id"], citizen.upload_photo((4, 5, 6))["file_id"]
    assert submit(cast, "reused", [first]).status_code == 201
    assert_error(submit(cast, "reused", [first, other]), 409, "conflict", "Idempotency-Key")
    assert submit(cast, "other", [other]).status_code == 201
    assert_error(submit(cast, "first-again", [first]), 409, "conflict", "photos")


def test_a_progress_photo_of_one_case_is_refused_on_another_but_may_show_again_on_its_own(
        cast):
    first, second = cast.case_at("in_progress"), cast.case_at("in_progress")
    photo = cast.unit.upload_photo()["file_id"]
    cast.unit.ok("POST", f"{CASES}/{first}/progress", json={"content": "施工中",
                                                             "photos": [photo]})
    assert_error(cast.unit.post(f"{CASES}/{second}/progress",
                                json={"content": "施工中", "photos": [photo]}),
                 409, "conflict", "photos")
    answered = cast.unit.ok("POST", f"{CASES}/{first}/answer",
                            json={"content": "已修好", "photos": [photo]})["case"]
    assert answered["status"] == "answered"


def test_a_duty_record_photo_is_refused_for_a_second_record_and_outlives_the_sweep(cast):
    deputy = cast.deputy()
    photo = deputy.upload_photo()["file_id"]
    headers = key()
    record = deputy.ok("POST", DUTY, 201, headers=headers,
                       json=record_body(photos=[photo]))["record"]
    assert deputy.ok("POST", DUTY, 200, headers=headers,
                     json=record_body(photos=[photo]))["record"]["id"] == record["id"]
    assert_error(deputy.post(DUTY, headers=key(), json=record_body(photos=[photo])), 409,
                 "conflict", "photos")
    # A record's photos are attached: the unused-upload sweep leaves them alone.
    files.active().sweep_pending(clock.now() + timedelta(days=2))
    assert files.active().exists(f"uploads/{photo}")


def test_a_project_progress_photo_is_refused_on_another_project(pcast):
    first, second = pcast.two_under_way()
    photo = pcast.unit.upload_photo()["file_id"]
    body = {"month": "2027-05", "percent": 10, "content": "开工", "photos": [photo]}
    pcast.unit.ok("POST", f"/api/v1/projects/{first}/progress", json=body)
    assert_error(pcast.unit.post(f"/api/v1/projects/{second}/progress", json=body), 409,
                 "conflict", "photos")
    pcast.unit.ok("POST", f"/api/v1/projects/{first}/progress",
                  json={**body, "month": "2027-06", "percent": 20})
    files.active().sweep_pending(clock.now() + timedelta(days=2))
    assert files.active().exists(f"uploads/{photo}")


def test_the_photos_of_a_new_case_are_claimed_in_the_write_that_counts_it(cast):
    from tests.store_call_counter import StoreCallCounter
    clock.set_now(datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc))
    citizen = cast.citizen()
    photos = [citizen.upload_photo((n, 0, 0))["file_id"] for n in range(3)]
    with StoreCallCounter() as counter:
        assert submit(cast, "three", photos).status_code == 201
        writes = [f"{c.operation} {c.key}" for c in counter.take()
                  if c.phase == "request" and c.operation not in ("GetItem", "BatchGetItem")]
    assert writes == ["UpdateItem THROTTLE", "PutItem CASE"]


def test_photos_of_two_upload_days_are_refused_together_and_let_go_together(store):
    from functions.cases.photo_claims import attach_photos
    from functions.cases.photo_day_claims import PhotoTaken
    from functions.cases.uploads import store_upload
    from tests.case_fixtures import image_bytes

    def upload(day: datetime) -> str:
        return store_upload(owner_id="u1", filename="p.jpg", content_type="image/jpeg",
                            data=image_bytes(), now=day)["file_id"]
    now = datetime(2026, 11, 1, 20, tzinfo=timezone.utc)  # `early` unattached: not removed yet
    early = upload(datetime(2026, 10, 31, 23, 59, tzinfo=timezone.utc))
    late, other = (upload(datetime(2026, 11, 1, 12, tzinfo=timezone.utc)) for _ in range(2))
    attach_photos([late], owner="u1", holder="case:a", now=now)
    with pytest.raises(PhotoTaken) as refused:
        attach_photos([early, other, late], owner="u1", holder="case:b", now=now)
    assert refused.value.file_ids == [late]
    attach_photos([early, other], owner="u1", holder="case:c", now=now)  # b kept nothing
    with pytest.raises(PhotoTaken):
        attach_photos([early], owner="u1", holder="case:a", now=now)


def test_a_duty_key_reused_with_another_photo_is_refused_and_leaves_that_photo_free(cast):
    deputy = cast.deputy()
    first, other = deputy.upload_photo()["file_id"], deputy.upload_photo((7, 8, 9))["file_id"]
    headers = key()
    record = deputy.ok("POST", DUTY, 201, headers=headers,
                       json=record_body(photos=[first]))["record"]
    assert_error(deputy.post(DUTY, headers=headers, json=record_body(photos=[other])), 409,
                 "conflict", "Idempotency-Key")
    assert deputy.ok("POST", DUTY, 200, headers=headers,
                     json=record_body(photos=[first]))["record"]["id"] == record["id"]
    deputy.ok("POST", DUTY, 201, headers=key(), json=record_body(photos=[other]))


def test_a_refused_project_progress_leaves_its_photo_free_for_another_project(pcast):
    first, second = pcast.two_under_way()
    photo = pcast.unit.upload_photo()["file_id"]
    body = {"month": "2027-05", "percent": 150, "content": "开工", "photos": [photo]}
    assert_error(pcast.unit.post(f"/api/v1/projects/{first}/progress", json=body), 400,
                 "validation_error", "percent")
    pcast.unit.ok("POST", f"/api/v1/projects/{second}/progress", json={**body, "percent": 10})
