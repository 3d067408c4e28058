"""POST /api/v1/uploads with an Idempotency-Key: a phone's retry of an upload whose answer
was lost gets the first answer back, stores no second file and counts once against the
day's allowance; the key is the caller's own (functions/cases/upload_retries.py)."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from functions.channels import files
from tests.case_fixtures import cast, live_cast  # noqa: F401
from tests.integration.cases.upload_retry_fixtures import (  # noqa: F401
    BLUE, RED, allowance_used, fixed_clock, post, stored_files)

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("fixed_clock")]


def test_a_retry_returns_the_first_answer_stores_one_file_and_counts_once(cast):
    citizen = cast.citizen("retry")
    first = post(citizen)
    assert first.status_code == 201, first.get_data(as_text=True)
    again = post(citizen)
    assert again.status_code == 200, again.get_data(as_text=True)
    assert again.get_json()["file_id"] == first.get_json()["file_id"]
    assert again.get_json()["url"].split("?")[0] == first.get_json()["url"].split("?")[0]
    assert stored_files() == [first.get_json()["file_id"]]
    assert allowance_used(citizen) == (1, len(RED))


def test_parallel_tries_of_one_key_store_one_file(live_cast):
    citizen = live_cast.citizen("parallel")
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda _: post(citizen, key="burst"), range(6)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * 5 + [201], [a.text for a in answers]
    assert len({a.json()["file_id"] for a in answers}) == 1
    assert stored_files() == [answers[0].json()["file_id"]]
    assert allowance_used(citizen) == (1, len(RED))


def test_parallel_tries_of_one_key_with_two_files_store_only_the_winners(live_cast):
    citizen = live_cast.citizen("mixed")
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda n: (n % 2, post(citizen, (RED, BLUE)[n % 2], key="k")),
                                range(6)))
    [(winner, first)] = [(n, a) for n, a in answers if a.status_code == 201]
    assert sorted(a.status_code for n, a in answers if n == winner) == [200, 200, 201]
    assert [a.status_code for n, a in answers if n != winner] == [409, 409, 409]
    [file_id] = stored_files()
    assert file_id == first.json()["file_id"]
    assert files.active().read(f"uploads/{file_id}")[0] == (RED, BLUE)[winner]
    assert allowance_used(citizen) == (1, len((RED, BLUE)[winner]))


def test_the_same_key_with_another_file_is_409_and_stores_nothing(cast):
    citizen = cast.citizen("reuser")
    first = post(citizen, RED, key="k")
    refused = post(citizen, BLUE, key="k")
    assert refused.status_code == 409
    error = refused.get_json()["error"]
    assert error["code"] == "conflict" and "Idempotency-Key" in error["fields"]
    assert stored_files() == [first.get_json()["file_id"]]
    assert allowance_used(citizen) == (1, len(RED))


def test_another_callers_identical_key_makes_another_file(cast):
    one, other = cast.citizen("one"), cast.citizen("other")
    ids = [post(caller, key="same").get_json()["file_id"] for caller in (one, other)]
    assert ids[0] != ids[1] and stored_files() == sorted(ids)
    again = [post(caller, key="same") for caller in (one, other)]  # each finds its own
    assert [(a.status_code, a.get_json()["file_id"]) for a in again] == [(200, i) for i in ids]
    assert allowance_used(one) == allowance_used(other) == (1, len(RED))


@pytest.mark.parametrize("key", ["", "   ", "x" * 101], ids=["empty", "blank", "too-long"])
def test_an_unusable_key_is_400_and_stores_nothing(cast, key):
    citizen = cast.citizen("badkey")
    refused = post(citizen, key=key)
    assert refused.status_code == 400
    error = refused.get_json()["error"]
    assert error["code"] == "validation_error" and "Idempotency-Key" in error["fields"]
    assert stored_files() == [] and allowance_used(citizen) == (0, 0)


def test_a_key_of_100_characters_is_fine_and_without_a_key_each_post_is_a_new_file(cast):
    citizen = cast.citizen("plain")
    assert [post(citizen, key="x" * 100).status_code for _ in range(2)] == [201, 200]
    assert [post(citizen, key=None).status_code for _ in range(2)] == [201, 201]
    assert len(stored_files()) == 3 and allowance_used(citizen) == (3, 3 * len(RED))
