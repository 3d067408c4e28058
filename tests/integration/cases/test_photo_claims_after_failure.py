"""A request that claimed photos and then failed (503: the case's write or the file's keep
failing for the moment) lets them go unless its case shows them: never retried, it must
not leave them taken by a case that does not exist; retried with its key, it claims them
again and attaches them (functions/cases/photo_claims.py `let_go_after_failure`)."""
from datetime import datetime, timedelta, timezone

import pytest
from botocore.exceptions import ReadTimeoutError

from functions.shared import clock
from tests.case_fixtures import assert_error, case_body, cast  # noqa: F401
from tests.integration.projects_cast import pcast  # noqa: F401
from tests.integration.cases.s3_bucket import s3, s3_endpoint, tags  # noqa: F401
from tests.integration.cases.s3_failures import s3_failing
from tests.integration.store_failures import store_unavailable

pytestmark = pytest.mark.integration
CASES = "/api/v1/cases"
DAY = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)


def citizen_at(cast, moment: datetime):
    clock.set_now(moment)
    return cast.anonymous.as_citizen("citizen-wang")


def submit(cast, idem: str, photos: list[str], moment=DAY + timedelta(hours=1)):
    return citizen_at(cast, moment).post(CASES, headers={"Idempotency-Key": idem},
                                         json=case_body(cast.entry_code(0), photos=photos))


def shown_photos(cast) -> dict[str, list[str]]:
    citizen = cast.anonymous.as_citizen("citizen-wang")
    return {c["id"]: [p["file_id"] for p in citizen.ok(
        "GET", f"{CASES}/{c['id']}")["case"]["photos"]]
        for c in citizen.ok("GET", f"{CASES}/mine")["items"]}


@pytest.mark.parametrize("uploaded", [DAY, DAY - timedelta(days=1)],
                         ids=["submission day", "day before"])
def test_a_submit_whose_write_fails_503_frees_its_photo_for_another_case(cast, uploaded):
    """Both claims: on the submission window's item (the day's photos) and alone on the
    upload day's item (a photo of another day)."""
    photo = citizen_at(cast, uploaded).upload_photo()["file_id"]
    with store_unavailable("PutItem"):
        assert_error(submit(cast, "never-retried", [photo]), 503, "unavailable")
    other = submit(cast, "another-case", [photo])
    assert other.status_code == 201, other.get_data(as_text=True)
    assert list(shown_photos(cast).values()) == [[photo]]


def test_the_retry_of_a_submit_whose_write_failed_503_still_attaches_its_photo(cast):
    photo = citizen_at(cast, DAY).upload_photo()["file_id"]
    with store_unavailable("PutItem"):
        assert_error(submit(cast, "retried", [photo]), 503, "unavailable")
    retried = submit(cast, "retried", [photo], DAY + timedelta(hours=2))
    assert retried.status_code == 201, retried.get_data(as_text=True)
    assert list(shown_photos(cast).values()) == [[photo]]
    assert_error(submit(cast, "another-case", [photo]), 409, "conflict", "photos")


def test_a_write_that_applied_though_it_timed_out_keeps_its_photo_claimed(cast, monkeypatch):
    """The case is stored (the answer was lost): it shows the photo, which stays its own."""
    from functions.cases import repository
    from pynamodb.exceptions import PutError
    photo = citizen_at(cast, DAY).upload_photo()["file_id"]
    real_create = repository.create

    def applied_then_timed_out(case):
        real_create(case)
        raise PutError("timed out", cause=ReadTimeoutError(endpoint_url="dynamodb"))
    monkeypatch.setattr(repository, "create", applied_then_timed_out)
    assert_error(submit(cast, "timed-out", [photo]), 503, "unavailable")
    monkeypatch.undo()
    assert list(shown_photos(cast).values()) == [[photo]]
    assert_error(submit(cast, "another-case", [photo]), 409, "conflict", "photos")
    assert submit(cast, "timed-out", [photo]).status_code == 200


def test_a_submit_whose_untag_fails_503_frees_its_photo_for_another_case(cast, s3):
    photo = citizen_at(cast, DAY).upload_photo()["file_id"]
    with s3_failing("DeleteObjectTagging", "slow-down"):
        assert_error(submit(cast, "never-retried", [photo]), 503, "unavailable")
    other = submit(cast, "another-case", [photo])
    assert other.status_code == 201, other.get_data(as_text=True)
    assert list(shown_photos(cast).values()) == [[photo]]
    assert tags(s3, f"uploads/{photo}") == []


def test_a_case_move_whose_write_fails_503_frees_its_photo_for_another_case(cast):
    first, second = cast.case_at("in_progress"), cast.case_at("in_progress")
    photo = cast.unit.upload_photo()["file_id"]
    body = {"content": "施工中", "photos": [photo]}
    with store_unavailable("PutItem"):
        assert_error(cast.unit.post(f"{CASES}/{first}/progress", json=body), 503,
                     "unavailable")
    cast.unit.ok("POST", f"{CASES}/{second}/progress", json=body)


def test_a_project_progress_whose_write_fails_503_frees_its_photo_for_another_project(pcast):
    first, second = pcast.two_under_way()
    photo = pcast.unit.upload_photo()["file_id"]
    body = {"month": "2027-05", "percent": 10, "content": "开工", "photos": [photo]}
    with store_unavailable("PutItem"):
        assert_error(pcast.unit.post(f"/api/v1/projects/{first}/progress", json=body), 503,
                     "unavailable")
    pcast.unit.ok("POST", f"/api/v1/projects/{second}/progress", json=body)
