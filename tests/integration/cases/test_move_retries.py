"""A case move sent again with its Idempotency-Key (a phone's network retry) adds nothing:
no second timeline entry, notification or counter move, however late; the same key with
another body is 409; without a key every call is a new move, as before."""
import pytest

from functions.notifications.log import list_records
from functions.reporting.counters import figures
from tests.case_fixtures import assert_error, at_once, cast, live_cast  # noqa: F401

pytestmark = pytest.mark.integration
PROGRESS = {"content": "已联系供电公司，本周内更换。"}


def progress(caller, case_id, key=None, body=PROGRESS):
    return caller.post(f"/api/v1/cases/{case_id}/progress", json=body,
                       headers={"Idempotency-Key": key} if key else {})


def actions(case) -> list[str]:
    return [entry["action"] for entry in case["timeline"]]


def notices(case_id: str, event: str) -> int:
    return sum(1 for r in list_records(actor={"region_id": "demo"}, case_id=case_id,
                                       limit=100)["items"] if r["event"] == event)


def test_progress_sent_twice_with_its_key_is_one_entry_and_one_notice(cast):
    case_id = cast.case_at("in_progress")
    first = progress(cast.unit, case_id, key="p-1")
    again = progress(cast.unit, case_id, key="p-1")
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.get_json()["case"]["timeline"] == first.get_json()["case"]["timeline"]
    assert actions(cast.read(case_id)).count("progress") == 1
    assert notices(case_id, "case_progress") == 1
    assert not {"retry_key", "retry_body"} & set(first.get_json()["case"]["timeline"][-1])


def test_a_retry_after_the_case_moved_on_returns_the_case_as_it_is_now(cast):
    case_id = cast.case_at("in_progress")
    assert progress(cast.unit, case_id, key="p-1").status_code == 200
    answered = cast.step(case_id, "answer")
    late = progress(cast.unit, case_id, key="p-1")
    assert late.status_code == 200
    assert late.get_json()["case"]["status"] == "answered"
    assert late.get_json()["case"]["timeline"] == answered["timeline"]


def test_a_retried_answer_moves_no_counter_twice(cast):
    case_id = cast.case_at("in_progress")
    path = f"/api/v1/cases/{case_id}/answer"
    body, key = {"content": "已更换路灯。"}, {"Idempotency-Key": "a-1"}
    assert cast.unit.post(path, json=body, headers=key).status_code == 200
    counted = figures("REGION#demo")
    assert cast.unit.post(path, json=body, headers=key).status_code == 200
    assert figures("REGION#demo") == counted
    assert notices(case_id, "case_answer") == 1


def test_the_same_key_with_another_body_or_move_is_a_conflict(cast):
    case_id = cast.case_at("in_progress")
    assert progress(cast.unit, case_id, key="p-1").status_code == 200
    assert_error(progress(cast.unit, case_id, key="p-1", body={"content": "另一条进展"}),
                 409, "conflict", "Idempotency-Key")
    assert_error(cast.unit.post(f"/api/v1/cases/{case_id}/answer", json=PROGRESS,
                                headers={"Idempotency-Key": "p-1"}),
                 409, "conflict", "Idempotency-Key")
    assert actions(cast.read(case_id)).count("progress") == 1


def test_without_a_key_or_with_a_new_key_each_call_is_a_new_entry(cast):
    case_id = cast.case_at("in_progress")
    for key in (None, None, "p-1", "p-2"):
        assert progress(cast.unit, case_id, key=key).status_code == 200
    assert actions(cast.read(case_id)).count("progress") == 4


def test_one_persons_key_never_stands_for_anothers_move(cast):
    case_id = cast.case_at("in_progress")
    urged = cast.office.post(f"/api/v1/cases/{case_id}/urge", json={"note": "请加快"},
                             headers={"Idempotency-Key": "same"})
    assert urged.status_code == 200
    assert progress(cast.unit, case_id, key="same").status_code == 200
    assert actions(cast.read(case_id))[-2:] == ["urge", "progress"]


def test_a_retried_return_gives_the_unit_the_case_it_returned(cast):
    case_id = cast.case_at("assigned")
    path, key = f"/api/v1/cases/{case_id}/return", {"Idempotency-Key": "r-1"}
    first = cast.unit.post(path, json={"reason": "不属于本单位职责"}, headers=key)
    again = cast.unit.post(path, json={"reason": "不属于本单位职责"}, headers=key)
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.get_json()["case"]["timeline"] == first.get_json()["case"]["timeline"]
    cast.office.ok("POST", f"/api/v1/cases/{case_id}/assign", json={"unit_id": "u-transport"})
    assert_error(cast.unit.post(path, json={"reason": "不属于本单位职责"}, headers=key),
                 403, "forbidden")  # another unit holds it now: nothing of it to see


def test_an_unusable_key_is_a_validation_error(cast):
    case_id = cast.case_at("in_progress")
    assert_error(progress(cast.unit, case_id, key="x" * 101), 400, "validation_error",
                 "Idempotency-Key")


@pytest.mark.e2e
def test_two_tries_of_one_key_at_once_leave_one_entry(live_cast):
    case_id = live_cast.case_at("in_progress")
    responses = at_once(*[lambda: progress(live_cast.unit, case_id, key="p-1")] * 2)
    assert [r.status_code for r in responses] == [200, 200]
    assert actions(live_cast.read(case_id)).count("progress") == 1
