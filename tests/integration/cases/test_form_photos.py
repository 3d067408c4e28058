"""A form's photos (functions/cases/form_photos.py): stored once per form key and file,
counted once, refused as in flight while the first post still stores the file."""
import threading
from datetime import timedelta

import pytest

from functions.cases import form_photos, upload_retries
from functions.channels import local_files
from functions.identity import throttle
from functions.shared import clock
from functions.shared.errors import Conflict, is_key_in_use
from functions.storage import keys
from functions.storage.models import ThrottleItem
from tests.integration.cases.upload_retry_fixtures import (  # noqa: F401
    BLUE, RED, fixed_clock, stored_files)

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("store", "fixed_clock")]


def store(data=RED, form_key="form-1", owner="staff:unit1") -> str:
    return form_photos.store(owner_id=owner, form_key=form_key, data=data, filename="a.jpg",
                             content_type="image/jpeg", now=clock.now())


def allowance(owner="staff:unit1") -> int:
    """Files counted against the owner's allowance of today."""
    pk = throttle.window_pk(f"uploads#{owner}", window=timedelta(days=1), now=clock.now())
    try:
        return int(ThrottleItem.get(pk, keys.META, consistent_read=True).hits or 0)
    except ThrottleItem.DoesNotExist:
        return 0


def test_a_form_posted_again_gets_its_photos_back_counted_once():
    first = [store(RED), store(BLUE)]
    assert [store(RED), store(BLUE)] == first  # the same form again, files and all
    assert stored_files() == sorted(first) and allowance() == 2
    assert store(RED, form_key="form-2") not in first  # another render: another upload
    assert store(RED, owner="staff:unit2") not in first  # another person's same key


def test_a_form_without_a_key_stores_each_post_anew():
    assert store(form_key=None) != store(form_key=None)


def test_a_post_whose_first_is_still_storing_the_file_is_refused_as_in_flight(
        monkeypatch):
    monkeypatch.setattr(upload_retries, "TWIN_WAITS", (0.05,))
    release, storing, real_put = threading.Event(), threading.Event(), local_files.LocalFiles.put

    def slow_put(self, *args, **kwargs):
        storing.set()
        assert release.wait(10)
        return real_put(self, *args, **kwargs)
    monkeypatch.setattr(local_files.LocalFiles, "put", slow_put)
    first = []
    runner = threading.Thread(target=lambda: first.append(store()))
    runner.start()
    try:
        assert storing.wait(10)  # its FILE item is written, its file not yet
        with pytest.raises(Conflict) as refused:
            store()
        assert is_key_in_use(refused.value)
    finally:
        release.set()
        runner.join(10)
    assert stored_files() == first and allowance() == 1  # the refused one gave its count back
