"""The answer time over HTTP: the office sets it in working days when it assigns, the lead
unit asks for more with a reason, the office grants or refuses; each on the timeline, the
reminder index following the moved deadline."""
from datetime import datetime, timezone

import pytest

from functions.cases import sweep
from functions.shared import clock
from functions.storage import keys
from functions.storage.models import CaseItem
from tests.case_fixtures import assert_error, at_once, cast, live_cast, outcome  # noqa: F401

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # Monday 10:00 in Beijing
THURSDAY_END = "2026-12-03T16:00:00Z"  # three working days after Monday: Thursday the 3rd
NEXT_THURSDAY_END = "2026-12-10T16:00:00Z"  # five more: Fri 4, Mon 7 … Thu 10


@pytest.fixture
def signed(cast):
    """A case the office assigned with 3 working days to answer, signed by the unit."""
    clock.set_now(T0)
    case_id = cast.case_at("forwarded")
    assigned = cast.office.ok("POST", f"/api/v1/cases/{case_id}/assign", json={
        "unit_id": "u-housing", "answer_working_days": 3})["case"]
    assert (assigned["answer_working_days"], assigned["deadlines"]) == (
        3, {"sign": THURSDAY_END, "answer": THURSDAY_END})  # signing is due by the answer
    cast.step(case_id, "sign")
    return case_id


def ask(cast, case_id, key="ext-1", **body):
    return cast.unit.post(f"/api/v1/cases/{case_id}/extension", headers={"Idempotency-Key": key},
                          json={"working_days": 5, "reason": "需协调供电公司，现场勘察需时", **body})


def decide(cast, case_id, grant=True, key="dec-1", caller=None, **body):
    return (caller or cast.office).post(f"/api/v1/cases/{case_id}/extension/decision",
                                        headers={"Idempotency-Key": key},
                                        json={"grant": grant, **body})


def next_reminder(case_id):
    item = CaseItem.get(keys.case_pk(case_id), keys.META)
    return (item.due_at or "").split("#")[0]


def test_a_granted_extension_moves_the_answer_deadline_and_the_next_reminder(cast, signed):
    assert next_reminder(signed) == "2026-12-02T16:00:00Z"  # a day before Thursday's end
    asked = ask(cast, signed).get_json()["case"]
    assert (asked["status"], asked["extension"]["status"], asked["extension"]["working_days"]) \
        == ("in_progress", "pending", 5)
    assert (asked["timeline"][-1]["action"], asked["timeline"][-1]["note"]) == (
        "request_extension", "需协调供电公司，现场勘察需时")
    assert "decide_extension" in cast.read(signed)["actions"]
    granted = decide(cast, signed, reason="同意").get_json()["case"]
    assert granted["deadlines"]["answer"] == NEXT_THURSDAY_END
    assert granted["extension"]["status"] == "granted"
    last = granted["timeline"][-1]
    assert (last["action"], last["granted"], last["answer_deadline"], last["note"]) == (
        "decide_extension", True, NEXT_THURSDAY_END, "同意")
    assert next_reminder(signed) == "2026-12-09T16:00:00Z"
    # Thursday 9:00: nothing is due any more, the unit has until the next Thursday.
    assert sweep.run(now=datetime(2026, 12, 3, 1, 0, tzinfo=timezone.utc))["reminders"] == 0


def test_a_refusal_leaves_the_deadline_and_the_unit_sees_why(cast, signed):
    ask(cast, signed)
    decide(cast, signed, grant=False, reason="时限内可以办结")
    case = cast.read(signed, cast.unit)
    assert (case["extension"]["status"], case["deadlines"]["answer"]) == ("refused", THURSDAY_END)
    last = case["timeline"][-1]
    assert (last["action"], last["granted"], last["note"]) == (
        "decide_extension", False, "时限内可以办结")
    assert "request_extension" in case["actions"]  # it may ask again


def test_a_retried_request_or_decision_changes_nothing_the_second_time(cast, signed):
    first = ask(cast, signed)
    again = ask(cast, signed)
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.get_json()["case"]["timeline"] == first.get_json()["case"]["timeline"]
    granted = decide(cast, signed).get_json()["case"]
    retried = decide(cast, signed)
    assert retried.status_code == 200
    assert retried.get_json()["case"]["deadlines"] == granted["deadlines"]
    assert len(cast.read(signed)["timeline"]) == len(granted["timeline"])


def test_refused_requests_and_decisions(cast, signed):
    ask(cast, signed)
    forwarded, co_handled = cast.case_at("forwarded"), cast.case_at("forwarded")
    cast.step(co_handled, "assign", body={"unit_id": "u-housing", "co_unit_ids": ["u-transport"]})
    seen = {
        "second open request": outcome(ask(cast, signed, key="ext-2")),
        "office asks": outcome(cast.office.post(f"/api/v1/cases/{signed}/extension",
                                                json={"working_days": 2, "reason": "x"})),
        "unit decides": outcome(decide(cast, signed, caller=cast.unit)),
        "other unit asks": outcome(cast.other_unit().post(
            f"/api/v1/cases/{signed}/extension", json={"working_days": 2, "reason": "x"})),
        "a co-unit asks": outcome(cast.other_unit().post(
            f"/api/v1/cases/{co_handled}/extension", json={"working_days": 2, "reason": "x"})),
        "an answered case": outcome(cast.unit.post(
            f"/api/v1/cases/{cast.case_at('answered')}/extension",
            json={"working_days": 2, "reason": "x"})),
        "no unit holds it": outcome(cast.office.post(
            f"/api/v1/cases/{forwarded}/extension/decision", json={"grant": True})),
    }
    assert seen == {"second open request": (409, "invalid_transition"),
                    "office asks": (403, "forbidden"), "unit decides": (403, "forbidden"),
                    "other unit asks": (403, "forbidden"), "a co-unit asks": (403, "forbidden"),
                    "an answered case": (409, "invalid_transition"),
                    "no unit holds it": (409, "invalid_transition")}


@pytest.mark.parametrize("body,field", [
    ({"working_days": 0}, "working_days"), ({"working_days": 21}, "working_days"),
    ({"working_days": "5"}, "working_days"), ({"working_days": True}, "working_days"),
    ({"reason": " "}, "reason"), ({"reason": None}, "reason")])
def test_bad_days_or_a_missing_reason_are_400(cast, signed, body, field):
    assert_error(cast.unit.post(f"/api/v1/cases/{signed}/extension",
                                json={"working_days": 5, "reason": "需要时间", **body}),
                 400, "validation_error", field)
    assert cast.read(signed).get("extension") is None


@pytest.mark.parametrize("days", [0, 61, "3", 2.5])
def test_an_answer_time_out_of_bounds_is_refused_at_assignment(cast, days):
    case_id = cast.case_at("forwarded")
    assert_error(cast.office.post(f"/api/v1/cases/{case_id}/assign", json={
        "unit_id": "u-housing", "answer_working_days": days}), 400, "validation_error",
        "answer_working_days")
    assert cast.read(case_id)["status"] == "forwarded"


def test_without_an_answer_time_the_region_default_applies(cast):
    clock.set_now(T0)
    case_id = cast.case_at("assigned")
    case = cast.read(case_id)
    assert case["answer_working_days"] == 20
    assert case["deadlines"]["answer"] == "2026-12-28T16:00:00Z"  # 20 working days on


def test_the_same_request_sent_four_times_at_once_is_one_request(live_cast):
    case_id = live_cast.case_at("in_progress")
    path = f"/api/v1/cases/{case_id}/extension"

    def send():
        return live_cast.unit.post(path, headers={"Idempotency-Key": "tap-tap"},
                                   json={"working_days": 3, "reason": "需协调"})
    results = at_once(send, send, send, send)
    assert [r.status_code for r in results] == [200] * 4, [r.text[:200] for r in results]
    timeline = live_cast.read(case_id)["timeline"]
    assert [e["action"] for e in timeline].count("request_extension") == 1
