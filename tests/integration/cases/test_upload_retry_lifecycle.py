"""An upload's Idempotency-Key over the file's life: attached, across UTC midnight, removed
unattached, and a first try that died or is still storing (functions/cases/upload_retries.py)."""
from datetime import timedelta

import pytest

from functions.cases import sweep as reminders
from functions.channels import files
from functions.shared import clock
from tests.case_fixtures import case_body, cast  # noqa: F401
from tests.integration.cases.upload_retry_fixtures import (  # noqa: F401
    AT, RED, allowance_used, fixed_clock, post, remove_object, stored_files)

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("fixed_clock")]


def test_a_retry_after_the_photo_was_attached_returns_it_and_it_stays_the_first_cases(cast):
    citizen = cast.citizen("attached")
    file_id = post(citizen).get_json()["file_id"]
    citizen.ok("POST", "/api/v1/cases", 201, json=case_body(cast.entry_code(0), photos=[
        file_id]), headers={"Idempotency-Key": "case-1"})
    again = post(citizen)
    assert (again.status_code, again.get_json()["file_id"]) == (200, file_id)
    other = citizen.post("/api/v1/cases", json=case_body(cast.entry_code(0), photos=[
        file_id]), headers={"Idempotency-Key": "case-2"})
    assert other.status_code == 409  # the photo belongs to the first case
    assert stored_files() == [file_id] and allowance_used(citizen) == (1, len(RED))


def test_a_retry_across_utc_midnight_still_finds_its_file(cast):
    clock.set_now(AT.replace(hour=23, minute=59, second=50))
    citizen = cast.citizen("midnight")
    first = post(citizen).get_json()["file_id"]
    clock.set_now(AT.replace(hour=23, minute=59, second=50) + timedelta(seconds=20))
    again = post(citizen)
    assert (again.status_code, again.get_json()["file_id"]) == (200, first)
    assert stored_files() == [first] and allowance_used(citizen) == (0, 0)  # counted yesterday


def test_a_retry_after_the_unattached_file_was_swept_is_a_new_upload(cast):
    citizen = cast.citizen("late")
    first = post(citizen).get_json()["file_id"]
    later = AT.replace(hour=0) + timedelta(days=2)  # the end of the next day: removed
    assert reminders.run(now=later)["unused_uploads_removed"] == 1
    clock.set_now(later)
    again = post(citizen)
    assert again.status_code == 201 and again.get_json()["file_id"] != first
    assert stored_files() == [again.get_json()["file_id"]]
    assert allowance_used(citizen) == (1, len(RED))  # today's allowance: the new file
    assert post(citizen).get_json()["file_id"] == again.get_json()["file_id"]


def test_a_file_whose_first_try_died_before_storing_it_is_stored_by_the_retry(cast):
    """The record is written before the file: a try killed in between leaves the record
    alone; a retry once that try is surely over stores the file, counting nothing more."""
    citizen = cast.citizen("crash")
    file_id = post(citizen).get_json()["file_id"]
    remove_object(file_id)
    clock.set_now(AT + timedelta(minutes=5))
    again = post(citizen)
    assert (again.status_code, again.get_json()["file_id"]) == (200, file_id)
    assert files.active().exists(f"uploads/{file_id}")
    assert allowance_used(citizen) == (1, len(RED))


def test_a_retry_while_the_first_try_still_stores_its_file_is_told_to_retry(cast, monkeypatch):
    from functions.cases import upload_retries
    monkeypatch.setattr(upload_retries, "TWIN_WAITS", (0.01, 0.01))
    citizen = cast.citizen("early")
    file_id = post(citizen).get_json()["file_id"]
    remove_object(file_id)  # not yet
    refused = post(citizen)
    assert refused.status_code == 409
    assert "Idempotency-Key" in refused.get_json()["error"]["fields"]
    assert allowance_used(citizen) == (1, len(RED))


def test_a_file_that_could_not_be_stored_leaves_no_record_and_no_count(cast, monkeypatch):
    from functions.channels.local_files import LocalFiles
    citizen = cast.citizen("disk")
    real_put = LocalFiles.put

    def failing_put(self, *args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(LocalFiles, "put", failing_put)
    assert post(citizen).status_code == 500
    assert stored_files() == [] and allowance_used(citizen) == (0, 0)
    monkeypatch.setattr(LocalFiles, "put", real_put)
    again = post(citizen)  # the key is free: a plain new upload
    assert again.status_code == 201 and stored_files() == [again.get_json()["file_id"]]
    assert allowance_used(citizen) == (1, len(RED))
