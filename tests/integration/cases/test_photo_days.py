"""A photo's claim lives on its uploader's item of its upload day: a new case claims the
day's photos in its limits' write, a photo of another day on that day's item; a photo is
attachable for ATTACHABLE_DAYS after its upload day and its claim outlives that."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.cases.photo_day_claims import ATTACHABLE_DAYS, DAY_ITEM_KEEP
from functions.shared import clock
from tests.case_fixtures import assert_error, case_body, cast  # noqa: F401
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
CASES = "/api/v1/cases"
DAY = datetime(2026, 12, 1, tzinfo=timezone.utc)


def submit(cast, idem: str, photos: list[str], citizen: str = "wang"):
    return cast.citizen(citizen).post(CASES, headers={"Idempotency-Key": idem},
                                      json=case_body(cast.entry_code(0), photos=photos))


def upload_at(cast, moment: datetime, color=(1, 2, 3), citizen: str = "wang") -> str:
    clock.set_now(moment)
    return cast.citizen(citizen).upload_photo(color)["file_id"]


def test_a_photo_uploaded_before_midnight_is_claimed_on_its_own_day_and_held(cast):
    late = upload_at(cast, DAY - timedelta(minutes=1))
    fresh = upload_at(cast, DAY + timedelta(minutes=1), (4, 5, 6))
    with StoreCallCounter() as counter:
        first = submit(cast, "after-midnight", [fresh, late])
        writes = [f"{c.operation} {c.key}" for c in counter.take()
                  if c.phase == "request" and c.operation not in ("GetItem", "BatchGetItem")]
    assert first.status_code == 201
    assert writes == ["UpdateItem THROTTLE", "UpdateItem THROTTLE", "PutItem CASE"]
    error = assert_error(submit(cast, "second", [late]), 409, "conflict", "photos")
    assert late in error["fields"]["photos"]
    assert submit(cast, "after-midnight", [fresh, late]).status_code == 200  # a retry


def test_a_refusal_on_the_other_day_lets_go_of_todays_photos(cast):
    late, taken = (upload_at(cast, DAY - timedelta(minutes=2), c) for c in ((7, 7, 7), (8, 8, 8)))
    assert submit(cast, "holder", [taken]).status_code == 201
    fresh = upload_at(cast, DAY + timedelta(hours=1), (9, 9, 9))
    error = assert_error(submit(cast, "both", [fresh, late, taken]), 409, "conflict", "photos")
    assert taken in error["fields"]["photos"] and fresh not in error["fields"]["photos"]
    assert submit(cast, "without-taken", [fresh, late]).status_code == 201


def test_a_photo_is_attachable_for_a_week_after_its_upload_day_then_refused(cast):
    from functions.cases.uploads import keep_photos
    kept, old = (upload_at(cast, DAY + timedelta(hours=10), c) for c in ((1, 1, 1), (2, 2, 2)))
    # Kept by an attach let go since (a refused move, a replaced report): a file left
    # pending goes at the end of the next day (tests/integration/cases/test_photo_keep.py).
    assert keep_photos([kept, old], DAY + timedelta(hours=11)) == []

    def submit_later(idem: str, photos: list[str]):  # a new login: tokens expire meanwhile
        return cast.anonymous.as_citizen("citizen-wang").post(
            CASES, headers={"Idempotency-Key": idem},
            json=case_body(cast.entry_code(0), photos=photos))
    clock.set_now(DAY + timedelta(days=ATTACHABLE_DAYS, hours=23, minutes=59))
    assert submit_later("last-day", [kept]).status_code == 201
    clock.set_now(DAY + timedelta(days=ATTACHABLE_DAYS + 1, minutes=1))
    error = assert_error(submit_later("too-late", [old]), 400, "validation_error", "photos")
    assert old in error["fields"]["photos"]
    assert submit_later("last-day", [kept]).status_code == 200  # the stored case's retry
    assert submit_later("no-photo", []).status_code == 201


def test_the_day_item_outlives_every_photo_it_claims(store):
    from functions.cases import submission_limits
    from functions.cases.photo_day_claims import Claim, day_subject
    from functions.cases.uploads import store_upload
    from functions.identity.throttle import window_pk
    from functions.storage.low_level import _client
    from tests.case_fixtures import image_bytes
    now = DAY + timedelta(hours=20)
    photo = store_upload(owner_id="u1", filename="p.jpg", content_type="image/jpeg",
                         data=image_bytes(), now=now)["file_id"]
    assert submission_limits.take("u1", now, Claim([photo], "case:a")) == [photo]
    assert submission_limits.take("u1", now, Claim([photo], "case:a")) == []  # held already
    from functions.storage.models import BaseItem
    item = _client().get_item(TableName=BaseItem.Meta.table_name, Key={"pk": {"S": window_pk(
        day_subject("u1"), window=timedelta(days=1), now=now)}, "sk": {"S": "META"}})
    expires = datetime.fromtimestamp(int(item["Item"]["expires_at"]["N"]), timezone.utc)
    assert expires == DAY + DAY_ITEM_KEEP > DAY + timedelta(days=ATTACHABLE_DAYS + 2)
    assert item["Item"][f"photo#{photo}"] == {"S": "case:a"}


def test_a_full_limit_is_told_apart_from_a_taken_photo_and_neither_counts(cast):
    photo = upload_at(cast, DAY + timedelta(hours=1))
    assert submit(cast, "h1-0", [photo]).status_code == 201
    for n in range(1, 10):
        assert submit(cast, f"h1-{n}", []).status_code == 201
    assert_error(submit(cast, "h1-10", [photo]), 429, "rate_limited", "retry_after")
    clock.set_now(DAY + timedelta(hours=2))
    error = assert_error(submit(cast, "h2-taken", [photo]), 409, "conflict", "photos")
    assert photo in error["fields"]["photos"]
    for n in range(10):  # the refused one took none of this hour's ten
        assert submit(cast, f"h2-{n}", []).status_code == 201
    assert_error(submit(cast, "h2-10", []), 429, "rate_limited")


def test_a_photo_a_case_already_shows_may_show_again_after_its_week_elsewhere_not(cast):
    from tests.case_fixtures import PASSWORD
    clock.set_now(DAY + timedelta(hours=9))
    first, second = cast.case_at("in_progress"), cast.case_at("in_progress")
    photo = cast.unit.upload_photo()["file_id"]
    cast.unit.ok("POST", f"{CASES}/{first}/progress", json={"content": "施工中",
                                                             "photos": [photo]})
    clock.set_now(DAY + timedelta(days=ATTACHABLE_DAYS + 3))
    unit = cast.anonymous.as_staff("unit1", PASSWORD)  # a new login: tokens expire meanwhile
    assert_error(unit.post(f"{CASES}/{second}/progress", json={"content": "施工中",
                                                              "photos": [photo]}),
                 400, "validation_error", "photos")
    answered = unit.ok("POST", f"{CASES}/{first}/answer",
                       json={"content": "已修好", "photos": [photo]})["case"]
    assert answered["status"] == "answered"


def test_a_case_retried_on_day_nine_is_the_stored_one_and_a_new_one_is_refused(cast):
    photo = upload_at(cast, DAY + timedelta(hours=3))
    first = submit(cast, "day-zero", [photo])
    assert first.status_code == 201
    clock.set_now(DAY + timedelta(days=ATTACHABLE_DAYS + 2))
    citizen = cast.anonymous.as_citizen("citizen-wang")  # a new login: tokens expire meanwhile
    retried = citizen.post(CASES, headers={"Idempotency-Key": "day-zero"},
                           json=case_body(cast.entry_code(0), photos=[photo]))
    assert retried.status_code == 200
    again, stored = retried.get_json()["case"], first.get_json()["case"]
    assert (again["id"], again["created_at"], again["content"]) == (
        stored["id"], stored["created_at"], stored["content"])
    assert [c["id"] for c in citizen.ok("GET", "/api/v1/cases/mine")["items"]] == [stored["id"]]
    assert_error(citizen.post(CASES, headers={"Idempotency-Key": "day-nine"},
                              json=case_body(cast.entry_code(0), photos=[photo])),
                 400, "validation_error", "photos")


def test_a_photo_removed_unattached_after_its_day_is_refused_not_attached_as_a_dead_link(cast):
    from functions.cases import sweep
    from functions.channels import files
    gone = upload_at(cast, DAY + timedelta(hours=8), (3, 3, 3))
    kept = upload_at(cast, DAY + timedelta(days=2, hours=8), (4, 4, 4))
    assert sweep.run(now=DAY + timedelta(days=2, hours=9))["unused_uploads_removed"] == 1
    assert not files.active().exists(f"uploads/{gone}")
    error = assert_error(submit(cast, "with-gone", [kept, gone]), 400, "validation_error",
                         "photos")
    assert gone in error["fields"]["photos"] and kept not in error["fields"]["photos"]
    assert cast.citizen().ok("GET", f"{CASES}/mine")["items"] == []
    assert submit(cast, "another-key", [kept]).status_code == 201  # its claim was let go
