"""What the tests of uploads with an Idempotency-Key share: posting a photo over HTTP (the
Flask test client or a live server), the files stored and the allowance counted."""
import io
import os
from datetime import datetime, timedelta, timezone

import pytest

from functions.channels import files
from functions.identity import throttle, tokens
from functions.shared import clock
from functions.storage import keys
from functions.storage.models import ThrottleItem
from tests.case_fixtures import image_bytes

AT = datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc)
RED, BLUE = image_bytes("JPEG", (200, 30, 30)), image_bytes("JPEG", (30, 30, 200))


@pytest.fixture
def fixed_clock():
    clock.set_now(AT)  # the day's allowance item and the file's day are known


def post(caller, data=RED, key="photo-1"):
    headers = {} if key is None else {"Idempotency-Key": key}
    if hasattr(caller, "base_url"):  # a live server
        return caller.call("POST", "/api/v1/uploads", headers=headers,
                           files={"file": ("p.jpg", data, "image/jpeg")})
    return caller.post("/api/v1/uploads", content_type="multipart/form-data", headers=headers,
                       data={"file": (io.BytesIO(data), "p.jpg", "image/jpeg")})


def stored_files() -> list[str]:
    folder = os.path.join(files.active().root, "objects", "uploads")
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def remove_object(file_id: str) -> None:
    os.unlink(os.path.join(files.active().root, "objects", "uploads", file_id))


def allowance_used(caller) -> tuple[int, int]:
    """(files, bytes) counted against the caller's allowance of today."""
    owner = tokens.verify(caller.token)["id"]
    pk = throttle.window_pk(f"uploads#{owner}", window=timedelta(days=1), now=clock.now())
    try:
        item = ThrottleItem.get(pk, keys.META)
    except ThrottleItem.DoesNotExist:
        return 0, 0
    return int(item.hits or 0), int(item.volume or 0)
