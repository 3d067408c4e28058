"""A duty record whose write failed (503) lets its photos go unless the record, read again,
shows them: never retried, it must not leave them taken by a record that does not exist;
retried with its Idempotency-Key, it claims them again and attaches them; a write applied
though it timed out keeps them (functions/cases/photo_claims.py `let_go_after_failure`)."""
import pytest
from botocore.exceptions import ReadTimeoutError
from pynamodb.exceptions import PutError

from tests.case_fixtures import assert_error, cast  # noqa: F401
from tests.integration.duty_fixtures import fixed_clock, record_body  # noqa: F401
from tests.integration.store_failures import store_unavailable

pytestmark = pytest.mark.integration
OWN, STAFF = "/api/v1/deputy/duty-records", "/api/v1/staff/duty-records"


def poster(cast, by: str):
    """The deputy reporting their own record, or the office entering one for deputy 0."""
    deputy = cast.deputy()  # bound to deputy 0 either way: its records are read below
    if by == "deputy":
        return deputy, OWN, {}
    return cast.office, STAFF, {"deputy_id": cast.deputy_id(0)}


def post(caller, url, idem: str, photo: str, **extra):
    return caller.post(url, headers={"Idempotency-Key": idem},
                       json=record_body(photos=[photo], **extra))


def shown_photos(cast) -> list[list[str]]:
    """Deputy 0's records, each as the photos it shows."""
    return [[p["file_id"] for p in r["photos"]]
            for r in cast.deputy().ok("GET", f"{OWN}?year=2026")["items"]]


@pytest.mark.parametrize("by", ["deputy", "office"])
def test_a_record_whose_write_fails_503_frees_its_photo_for_another_record(cast, by):
    caller, url, extra = poster(cast, by)
    photo = caller.upload_photo()["file_id"]
    with store_unavailable("PutItem"):
        assert_error(post(caller, url, "never-retried", photo, **extra), 503, "unavailable")
    other = post(caller, url, "another-record", photo, **extra)
    assert other.status_code == 201, other.get_data(as_text=True)
    assert shown_photos(cast) == [[photo]]


def test_the_retry_of_a_record_whose_write_failed_503_still_attaches_its_photo(cast):
    """While the store is away, a second try under a new key is not told the photo is
    taken (the first let it go): it fails as the first did; the first's retry then
    attaches the photo, and the second's retry is 409."""
    deputy = cast.deputy()
    photo = deputy.upload_photo()["file_id"]
    with store_unavailable("PutItem"):
        assert_error(post(deputy, OWN, "retried", photo), 503, "unavailable")
        assert_error(post(deputy, OWN, "retyped", photo), 503, "unavailable")
    retried = post(deputy, OWN, "retried", photo)
    assert retried.status_code == 201, retried.get_data(as_text=True)
    assert shown_photos(cast) == [[photo]]
    assert_error(post(deputy, OWN, "retyped", photo), 409, "conflict", "photos")


def test_a_record_write_applied_though_it_timed_out_keeps_its_photo(cast, monkeypatch):
    """The record is stored (the answer was lost): it shows the photo, which stays its own."""
    from functions.duty import repository
    deputy = cast.deputy()
    photo = deputy.upload_photo()["file_id"]
    real_create = repository.create

    def applied_then_timed_out(record):
        real_create(record)
        raise PutError("timed out", cause=ReadTimeoutError(endpoint_url="dynamodb"))
    monkeypatch.setattr(repository, "create", applied_then_timed_out)
    assert_error(post(deputy, OWN, "timed-out", photo), 503, "unavailable")
    monkeypatch.undo()
    assert shown_photos(cast) == [[photo]]
    assert_error(post(deputy, OWN, "another-record", photo), 409, "conflict", "photos")
    assert post(deputy, OWN, "timed-out", photo).status_code == 200
    assert shown_photos(cast) == [[photo]]
