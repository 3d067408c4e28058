"""Every S3 call a request makes answers the contract's 503 `unavailable` when S3 fails for
the moment (5xx, SlowDown, a read timeout, the endpoint unreachable), and a logged 500
when it refuses for good (AccessDenied, NoSuchBucket: misconfiguration); an upload that
failed leaves no FILE item and no count against the day's allowance, and its retry stores
the photo (functions/shared/outages.py)."""
import io
from datetime import datetime, timezone

import pytest

from functions.channels.file_keys import _signature
from functions.shared import clock
from functions.shared.config import settings
from functions.storage.models import UploadItem
from tests.case_fixtures import assert_error, cast  # noqa: F401
from tests.integration.cases.s3_bucket import BUCKET, s3, s3_endpoint  # noqa: F401
from tests.integration.cases.s3_failures import FOR_GOOD, TEMPORARY, s3_failing
from tests.integration.cases.upload_retry_fixtures import RED, allowance_used

pytestmark = pytest.mark.integration
AT = datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc)
ANSWERED = {"temporary": (503, "unavailable"), "for good": (500, "internal_error")}


@pytest.fixture(autouse=True)
def fixed_clock():
    clock.set_now(AT)


def upload(citizen, key: str | None):
    return citizen.post("/api/v1/uploads", content_type="multipart/form-data",
                        headers={"Idempotency-Key": key} if key else {},
                        data={"file": (io.BytesIO(RED), "p.jpg", "image/jpeg")})


def file_items(citizen) -> list[str]:
    from functions.identity import tokens
    owner = tokens.verify(citizen.token)["id"]
    return [i.file_id for i in UploadItem.scan(UploadItem.owner_id == owner)]


def objects(s3) -> list[str]:
    return [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


@pytest.mark.parametrize("key,failure", [(None, f) for f in TEMPORARY + FOR_GOOD] + [
    ("photo-1", f) for f in ("internal-error", "slow-down") + tuple(FOR_GOOD)])
def test_an_upload_whose_file_is_not_stored_leaves_nothing_and_its_retry_stores_it(
        cast, s3, key, failure):
    citizen = cast.citizen("uploader")
    with s3_failing("PutObject", failure):
        response = upload(citizen, key)
    assert_error(response, *ANSWERED["temporary" if failure in TEMPORARY else "for good"])
    assert (file_items(citizen), allowance_used(citizen), objects(s3)) == ([], (0, 0), [])
    again = upload(citizen, key)
    assert again.status_code == 201, again.get_data(as_text=True)
    assert file_items(citizen) == [again.get_json()["file_id"]]
    assert allowance_used(citizen) == (1, len(RED)) and len(objects(s3)) == 1


@pytest.mark.parametrize("failure", TEMPORARY[:2] + FOR_GOOD[:1])
def test_a_retried_upload_whose_file_check_fails_answers_by_the_failure(cast, s3, failure):
    """The retry of a key checks its file is there (HeadObject: an error without a body)."""
    citizen = cast.citizen("uploader")
    first = upload(citizen, "photo-1")
    assert first.status_code == 201, first.get_data(as_text=True)
    with s3_failing("HeadObject", failure):
        response = upload(citizen, "photo-1")
    assert_error(response, *ANSWERED["temporary" if failure in TEMPORARY else "for good"])
    again = upload(citizen, "photo-1")
    assert again.status_code == 200 and again.get_json()["file_id"] == \
        first.get_json()["file_id"]
    assert allowance_used(citizen) == (1, len(RED)) and len(objects(s3)) == 1


@pytest.mark.parametrize("failure", TEMPORARY + FOR_GOOD)
def test_a_photo_read_that_fails_answers_by_the_failure(cast, s3, failure):
    """GET /files/<key> with a link we signed reads the object (GetObject)."""
    citizen = cast.citizen("uploader")
    stored = upload(citizen, None)
    assert stored.status_code == 201, stored.get_data(as_text=True)
    key = f"uploads/{stored.get_json()['file_id']}"
    exp = int(AT.timestamp()) + 300
    link = f"/files/{key}?exp={exp}&sig={_signature(settings().secret_key, key, exp)}"
    with s3_failing("GetObject", failure):
        response = citizen.get(link)
    assert_error(response, *ANSWERED["temporary" if failure in TEMPORARY else "for good"])
    served = citizen.get(link)
    assert served.status_code == 200 and served.data == RED


@pytest.mark.parametrize("operation,at,retried", [
    ("DeleteObjectTagging", datetime(2026, 12, 1, 4, 0, tzinfo=timezone.utc), 201),
    # on its last minutes a pending file's tags are read first; its retry is then refused
    ("GetObjectTagging", datetime(2026, 12, 2, 23, 56, tzinfo=timezone.utc), 400)])
def test_a_keep_that_fails_for_the_moment_is_503_and_shows_nothing(
        cast, s3, operation, at, retried):
    """The untag, and the read of the tags before it (these passed before: the keep
    answered its own 503; now the one rule does)."""
    from tests.case_fixtures import case_body
    citizen = cast.anonymous.as_citizen("citizen-wang")
    photo = citizen.upload_photo((1, 2, 3))["file_id"]
    clock.set_now(at)
    citizen = cast.anonymous.as_citizen("citizen-wang")
    body = case_body(cast.entry_code(0), photos=[photo])
    with s3_failing(operation, "slow-down"):
        response = citizen.post("/api/v1/cases", headers={"Idempotency-Key": "k"}, json=body)
    assert_error(response, 503, "unavailable")
    assert citizen.ok("GET", "/api/v1/cases/mine")["items"] == []
    again = citizen.post("/api/v1/cases", headers={"Idempotency-Key": "k"}, json=body)
    assert again.status_code == retried, again.get_data(as_text=True)
