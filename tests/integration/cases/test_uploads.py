"""Photo uploads: real images only, owner-proving ids, signed links; local folder and S3.

The test settings name no bucket, so `store` alone means the local-folder backend.
"""
import io
import re
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from PIL import Image

from functions.shared import clock
from functions.channels import files
from functions.shared.errors import PayloadTooLarge, ValidationFailed
from functions.storage import keys
from functions.storage.models import BaseItem, UploadItem
from functions.cases.uploads import owns, photo_urls, store_upload
from tests.case_fixtures import case_body, cast  # noqa: F401
from tests.integration.cases.s3_bucket import s3, s3_endpoint  # noqa: F401

pytestmark = pytest.mark.integration


def image_bytes(fmt: str, size=(8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


PNG = image_bytes("PNG")


def upload(data=PNG, owner="u1", filename="photo.png", content_type="image/png"):
    return store_upload(owner_id=owner, filename=filename, content_type=content_type, data=data)


def local_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def assert_error(response, status, code):
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert set(response.get_json()["error"]) == {"code", "message", "fields"}


def test_a_png_is_stored_and_its_signed_link_serves_the_same_bytes(client, store):
    result = upload()
    assert result["url"].startswith(f"{store.public_base_url}/files/uploads/")
    assert (result["content_type"], result["size"]) == ("image/png", len(PNG))
    response = client.get(local_path(result["url"]))
    assert response.status_code == 200 and response.data == PNG
    assert response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_upload_record_keeps_owner_type_size_and_storage_key(store):
    result = upload(owner="u7")
    item = UploadItem.get(keys.upload_pk(result["file_id"]), keys.META)
    assert (item.owner_id, item.content_type, item.size) == ("u7", "image/png", len(PNG))
    assert files.active().exists(item.storage_key) and item.created_at


@pytest.mark.parametrize("fmt, declared, real", [
    ("JPEG", "image/jpeg", "image/jpeg"), ("WEBP", "image/webp", "image/webp"),
    ("PNG", "image/jpeg", "image/png")], ids=["jpeg", "webp", "png-declared-as-jpeg"])
def test_the_stored_type_is_the_real_one_whatever_was_declared(store, fmt, declared, real):
    assert upload(image_bytes(fmt), filename="x.jpg", content_type=declared)["content_type"] == real


def test_a_phone_camera_jpeg_with_a_second_picture_inside_is_kept_as_a_jpeg(client, store):
    """Dual-camera phones write MPO: a JPEG (what everyone shows) with more pictures after."""
    from tests.case_fixtures import Caller
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (1, 2, 3)).save(buffer, "MPO", save_all=True,
                                             append_images=[Image.new("RGB", (8, 6))])
    citizen = Caller(client).as_citizen("camera")
    response = citizen.upload(buffer.getvalue(), filename="IMG_0001.JPG")
    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.get_json()["content_type"] == "image/jpeg"


@pytest.mark.parametrize("data", [b"hello, not a picture", image_bytes("GIF"), PNG[:60], b""],
                         ids=["text", "gif", "truncated-png", "empty"])
def test_anything_but_a_real_jpeg_png_or_webp_is_a_validation_error(store, data):
    with pytest.raises(ValidationFailed) as caught:
        upload(data, filename="evil.png", content_type="image/png")
    assert "file" in caught.value.fields


def test_a_file_over_the_limit_is_payload_too_large(store):
    with pytest.raises(PayloadTooLarge):
        upload(PNG + bytes(store.max_upload_bytes))


def test_file_ids_prove_their_owner_and_are_url_safe(store):
    file_id = upload(owner="u1")["file_id"]
    assert re.fullmatch(r"[A-Za-z0-9._-]+", file_id)
    assert owns(file_id, "u1") and not owns(file_id, "u2")
    random_part, mac = file_id.split(".")
    assert not owns(f"{random_part}.{'0' * len(mac)}", "u1")
    assert not owns("../../etc/passwd", "u1") and not owns(None, "u1")


def test_a_path_in_the_file_name_has_no_effect(store, tmp_path):
    before = {p for p in tmp_path.parent.rglob("*")}
    result = upload(filename="../../../../etc/cron.d/evil.png")
    added = {p for p in tmp_path.parent.rglob("*")} - before
    assert added and all(tmp_path in p.parents for p in added)
    assert not any("evil" in str(p) for p in added)
    assert result["file_id"] in {p.name for p in added}


def test_photo_urls_need_no_store_read(client, store):
    file_id = upload()["file_id"]
    BaseItem.delete_table()
    [link] = photo_urls([file_id])
    assert link["file_id"] == file_id
    assert client.get(local_path(link["url"])).data == PNG


def test_an_expired_link_is_forbidden(client):
    clock.set_now(clock.now() - timedelta(hours=2))
    url = upload()["url"]
    clock.set_now(None)
    assert_error(client.get(local_path(url)), 403, "forbidden")


def test_a_forged_or_borrowed_signature_is_forbidden(client):
    path, query = local_path(upload()["url"]).split("?")
    other_query = local_path(upload()["url"]).split("?")[1]
    forged = query[:-1] + ("1" if query.endswith("0") else "0")  # the signature ends it
    for attempt in (f"{path}?{forged}", f"{path}?{other_query}", path):
        assert_error(client.get(attempt), 403, "forbidden")


def test_a_valid_link_to_a_missing_file_is_404(client, store):
    from functions.channels.local_files import LocalFiles
    url = LocalFiles(store).url("uploads/nothing-here")
    assert_error(client.get(local_path(url)), 404, "not_found")


def test_s3_keeps_the_photo_and_its_presigned_link_serves_the_same_bytes(s3, s3_endpoint):
    result = upload(image_bytes("JPEG"), content_type="application/octet-stream")
    item = UploadItem.get(keys.upload_pk(result["file_id"]), keys.META)
    stored = s3.get_object(Bucket="photos", Key=item.storage_key)
    assert stored["ContentType"] == "image/jpeg"
    assert result["url"].startswith(f"{s3_endpoint}/photos/{item.storage_key}?")
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with no_proxy.open(result["url"], timeout=5) as response:
        assert response.read() == image_bytes("JPEG") == stored["Body"].read()
    assert files.active().exists(item.storage_key)
    assert not files.active().exists("uploads/nothing-here")


def test_an_upload_left_unattached_past_the_next_day_is_removed_and_an_attached_one_stays(
        cast):
    from datetime import datetime, timezone
    from functions.cases import sweep as reminders
    start = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)
    clock.set_now(start)
    citizen = cast.citizen("photographer")
    kept, left = citizen.upload_photo()["file_id"], citizen.upload_photo((9, 9, 9))["file_id"]
    cast.citizen("photographer").ok("POST", "/api/v1/cases", 201, json=case_body(
        cast.entry_code(0), photos=[kept]), headers={"Idempotency-Key": "with-photo"})
    store = files.active()
    end_of_next_day = start.replace(hour=0) + timedelta(days=2)  # when S3's rule removes it
    assert reminders.run(now=end_of_next_day - timedelta(seconds=1))[
        "unused_uploads_removed"] == 0
    assert reminders.run(now=end_of_next_day)["unused_uploads_removed"] == 1
    assert store.exists(f"uploads/{kept}") and not store.exists(f"uploads/{left}")


def test_in_s3_an_upload_is_tagged_pending_until_a_case_attaches_it(s3):
    first, second = upload(image_bytes("JPEG")), upload(image_bytes("PNG"))
    tags = s3.get_object_tagging(Bucket="photos", Key=f"uploads/{first['file_id']}")["TagSet"]
    assert tags == [{"Key": "pending", "Value": "1"}]
    from functions.cases.uploads import keep_photos
    keep_photos([first["file_id"]], clock.now())
    assert s3.get_object_tagging(Bucket="photos",
                                 Key=f"uploads/{first['file_id']}")["TagSet"] == []
    assert s3.get_object_tagging(Bucket="photos", Key=f"uploads/{second['file_id']}")[
        "TagSet"] == [{"Key": "pending", "Value": "1"}]
