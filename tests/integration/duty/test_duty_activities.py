"""Activities over HTTP: publish → sign up → check in → record, capacity under races."""
from datetime import timedelta

import pytest

from functions.shared import clock
from tests.case_fixtures import assert_error, at_once, cast, live_cast  # noqa: F401
from tests.integration.duty_fixtures import NOW, fixed_clock, key  # noqa: F401

pytestmark = pytest.mark.integration
STARTS = NOW + timedelta(days=2, hours=-1)  # 2026-06-17T01:00:00Z


def publish(office, **overrides) -> dict:
    body = {"kind": "inspection", "title": "视察城东污水处理厂", "place": "城东污水处理厂",
            "starts_at": "2026-06-17T01:00:00Z", "ends_at": "2026-06-17T04:00:00Z",
            "capacity": 2, "signup_deadline": "2026-06-16T10:00:00Z"}
    body.update(overrides)
    return office.ok("POST", "/api/v1/staff/activities", 201, headers=key(),
                     json=body)["activity"]


def path(activity, move):
    return f"/api/v1/activities/{activity['id']}/{move}"


def test_publish_sign_up_check_in_makes_one_verified_record(cast):
    activity = publish(cast.office)
    assert len(activity["check_in_code"]) == 6 and activity["signed_up_count"] == 0
    deputy = cast.deputy()
    listed = deputy.ok("GET", "/api/v1/activities")["items"]
    assert [(a["id"], a["signed_up"]) for a in listed] == [(activity["id"], False)]
    assert "check_in_code" not in listed[0]
    signed = deputy.ok("POST", path(activity, "signup"))["activity"]
    assert (signed["signed_up"], signed["signed_up_count"]) == (True, 1)
    clock.set_now(STARTS - timedelta(minutes=30))
    record = deputy.ok("POST", path(activity, "check-in"),
                       json={"code": activity["check_in_code"].lower()})["record"]
    assert (record["kind"], record["status"], record["source"], record["points"]) == (
        "inspection", "verified", "activity", 3)
    again = deputy.ok("POST", path(activity, "check-in"),
                      json={"code": activity["check_in_code"]})["record"]
    assert again == record
    mine = deputy.ok("GET", "/api/v1/deputy/duty-records")
    assert mine["totals"]["points"] == 3


def test_a_full_activity_a_second_sign_up_and_a_late_one_are_409(cast):
    activity = publish(cast.office, capacity=1)
    cast.deputy(0).ok("POST", path(activity, "signup"))
    assert_error(cast.deputy(0).post(path(activity, "signup")), 409, "conflict")
    assert_error(cast.deputy(1).post(path(activity, "signup")), 409, "conflict")
    clock.set_now(NOW + timedelta(days=1, hours=9))  # past the 18:00 deadline
    assert_error(cast.deputy(0).post(path(activity, "cancel")), 409, "invalid_transition")
    assert_error(cast.deputy(2).post(path(activity, "signup")), 409, "invalid_transition")


def test_cancelling_gives_the_seat_back(cast):
    activity = publish(cast.office, capacity=1)
    cast.deputy(0).ok("POST", path(activity, "signup"))
    left = cast.deputy(0).ok("POST", path(activity, "cancel"))["activity"]
    assert (left["signed_up"], left["signed_up_count"]) == (False, 0)
    assert_error(cast.deputy(0).post(path(activity, "cancel")), 409, "invalid_transition")
    cast.deputy(1).ok("POST", path(activity, "signup"))


def test_a_wrong_or_expired_code_is_refused_and_writes_nothing(cast):
    activity = publish(cast.office)
    deputy = cast.deputy()
    clock.set_now(STARTS)
    assert_error(deputy.post(path(activity, "check-in"), json={"code": "ZZZZZZ"}), 400,
                 "validation_error", "code")
    clock.set_now(STARTS + timedelta(hours=5, minutes=1))  # 2 h after the 3 h activity
    assert_error(deputy.post(path(activity, "check-in"),
                             json={"code": activity["check_in_code"]}), 409,
                 "invalid_transition")
    clock.set_now(STARTS - timedelta(hours=1, minutes=1))
    assert_error(deputy.post(path(activity, "check-in"),
                             json={"code": activity["check_in_code"]}), 409,
                 "invalid_transition")
    assert deputy.ok("GET", "/api/v1/deputy/duty-records")["items"] == []


@pytest.mark.parametrize("overrides, field", [
    ({"kind": "suggestion"}, "kind"), ({"ends_at": "2026-06-17T00:00:00Z"}, "ends_at"),
    ({"starts_at": "tomorrow"}, "starts_at"), ({"capacity": 0}, "capacity"),
    ({"signup_deadline": "2026-06-18T00:00:00Z"}, "signup_deadline"), ({"place": ""}, "place"),
])
def test_invalid_activities_are_400(cast, overrides, field):
    body = {"kind": "inspection", "title": "视察", "place": "城东", "capacity": 2,
            "starts_at": "2026-06-17T01:00:00Z", "ends_at": "2026-06-17T04:00:00Z"}
    body.update(overrides)
    assert_error(cast.office.post("/api/v1/staff/activities", headers=key(), json=body), 400,
                 "validation_error", field)


def test_the_same_key_publishes_one_activity(cast):
    headers = key()
    body = {"kind": "meeting", "title": "代表小组活动", "place": "城关镇",
            "starts_at": "2026-06-17T01:00:00Z", "ends_at": "2026-06-17T04:00:00Z"}
    first = cast.office.ok("POST", "/api/v1/staff/activities", 201, headers=headers, json=body)
    again = cast.office.ok("POST", "/api/v1/staff/activities", 200, headers=headers, json=body)
    assert again == first
    assert len(cast.deputy().ok("GET", "/api/v1/activities")["items"]) == 1


def test_racing_sign_ups_never_exceed_capacity(live_cast):
    activity = publish(live_cast.office, capacity=2)
    deputies = [live_cast.deputy(i) for i in range(3)]
    answers = at_once(*[lambda d=d: d.post(path(activity, "signup")) for d in deputies])
    assert sorted(r.status_code for r in answers) == [200, 200, 409]
    views = [d.ok("GET", "/api/v1/activities")["items"][0] for d in deputies]
    assert views[0]["signed_up_count"] == 2 and sum(v["signed_up"] for v in views) == 2


def test_a_deputys_twin_sign_ups_take_one_seat(live_cast):
    activity = publish(live_cast.office, capacity=5)
    deputy = live_cast.deputy()
    answers = at_once(*[lambda: deputy.post(path(activity, "signup")) for _ in range(4)])
    assert sorted(r.status_code for r in answers) == [200, 409, 409, 409]
    assert deputy.ok("GET", "/api/v1/activities")["items"][0]["signed_up_count"] == 1


def test_racing_check_ins_make_one_record(live_cast):
    activity = publish(live_cast.office)
    deputy = live_cast.deputy()
    clock.set_now(STARTS)
    answers = at_once(*[lambda: deputy.post(path(activity, "check-in"),
                                            json={"code": activity["check_in_code"]})
                        for _ in range(4)])
    assert {r.status_code for r in answers} == {200}
    assert len({r.json()["record"]["id"] for r in answers}) == 1
    assert deputy.ok("GET", "/api/v1/deputy/duty-records")["totals"]["points"] == 3
