"""An upload's FILE item expires (TTL `expires_at`) at the end of the UTC day after its
upload day: when the bucket's rule removes a file left unattached, and after the last
moment a retry of its key reads it, so no read ever meets one past its expiry (dynalite
never expires items) and an attached photo never needs it (functions/cases/uploads.py)."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.cases import upload_retries
from functions.cases.uploads import record_expires, store_upload
from functions.channels import file_rules, files
from functions.shared import clock
from functions.storage import keys
from functions.storage.models import UploadItem
from tests.case_fixtures import case_body, cast  # noqa: F401
from tests.integration.cases.upload_retry_fixtures import RED, post

pytestmark = pytest.mark.integration
DAY = datetime(2026, 12, 1, tzinfo=timezone.utc)
END_OF_NEXT_DAY = DAY + timedelta(days=2)


def file_item(file_id: str) -> UploadItem:
    return UploadItem.get(keys.upload_pk(file_id), keys.META, consistent_read=True)


@pytest.mark.parametrize("at", [DAY, DAY + timedelta(hours=11), DAY + timedelta(
    hours=23, minutes=59, seconds=59)], ids=["midnight", "noon", "last-second"])
def test_an_unattached_upload_expires_at_the_end_of_the_next_utc_day(store, at):
    clock.set_now(at)
    file_id = store_upload(owner_id="u1", filename="a.jpg", content_type="image/jpeg",
                           data=RED)["file_id"]
    assert file_item(file_id).expires_at == END_OF_NEXT_DAY


def test_an_upload_with_a_key_expires_the_same_way(cast):
    clock.set_now(DAY + timedelta(hours=20))
    response = post(cast.citizen("keyed"))
    assert response.status_code == 201
    assert file_item(response.get_json()["file_id"]).expires_at == END_OF_NEXT_DAY


@pytest.mark.parametrize("hour", [0, 7, 23])
def test_a_retry_reads_a_file_item_only_before_it_expires(hour):
    """The retry's read-ahead names its key's ids of today and yesterday: the item of an
    upload at any hour is among them up to its expiry, and never from then on."""
    made = DAY + timedelta(hours=hour, minutes=59)
    file_id = upload_retries.file_ids("u1", "k", made)[0]
    expires = record_expires(made)
    last_read = expires - timedelta(microseconds=1)
    assert file_id in upload_retries.file_ids("u1", "k", last_read)
    assert file_id not in upload_retries.file_ids("u1", "k", expires)
    assert expires == file_rules.pending_removal(made)  # when its file goes if unattached


def test_an_attached_photo_outlives_its_file_item(cast):
    """The TTL removes the item of an attached photo too: nothing reads it any more, and the
    case keeps showing the photo, whose file stays."""
    clock.set_now(DAY + timedelta(hours=3))
    citizen = cast.citizen("attached-ttl")
    file_id = post(citizen).get_json()["file_id"]
    case = citizen.ok("POST", "/api/v1/cases", 201, json=case_body(
        cast.entry_code(0), photos=[file_id]), headers={"Idempotency-Key": "ttl-case"})["case"]
    clock.set_now(END_OF_NEXT_DAY + timedelta(days=3))
    file_item(file_id).delete()  # what the TTL does after its expiry
    citizen = cast.anonymous.as_citizen("citizen-attached-ttl")  # its token expired too
    shown = citizen.ok("GET", f"/api/v1/cases/{case['id']}", 200)["case"]["photos"]
    assert [p["file_id"] for p in shown] == [file_id]
    assert files.active().exists(f"uploads/{file_id}")
