"""Risky text is held for the office instead of reaching the deputy (dev-mode word list)."""
import pytest

from tests.api_client import assert_error

pytestmark = [pytest.mark.integration, pytest.mark.e2e]


def test_a_risky_case_waits_for_the_office_and_reaches_the_deputy_once_released(api, seeded):
    deputy_code = seeded["deputies"][0]
    deputy = api.as_citizen("held-deputy")
    deputy.token = deputy.ok("POST", "/api/v1/deputy/bind",
                             json={"bind_code": deputy_code["bind_code"]})["token"]
    citizen = api.as_citizen("held-citizen")
    case = citizen.ok("POST", "/api/v1/cases", 201, headers={"Idempotency-Key": "h1"}, json={
        "entry_code": deputy_code["entry_code"], "category": "other", "type": "request",
        "content": "有人在村里聚众赌博，希望管一管"})["case"]
    assert case["held_for_review"] is True

    assert deputy.ok("GET", "/api/v1/deputy/inbox")["items"] == []
    assert_error(deputy.get(f"/api/v1/cases/{case['id']}"), 403, "forbidden")
    office = api.as_staff("office")
    queued = office.ok("GET", "/api/v1/staff/queue?status=submitted")["items"]
    assert [c["id"] for c in queued] == [case["id"]] and queued[0]["held_for_review"]
    seen = office.ok("GET", f"/api/v1/cases/{case['id']}")["case"]
    assert set(seen["actions"]) == {"reject", "release"}

    released = office.ok("POST", f"/api/v1/cases/{case['id']}/release",
                         json={"note": "举报违法线索，可转代表"})["case"]
    assert released["held_for_review"] is False
    assert [e["action"] for e in released["timeline"]] == ["submit", "release"]
    assert [c["id"] for c in deputy.ok("GET", "/api/v1/deputy/inbox")["items"]] == [case["id"]]
    assert office.ok("GET", "/api/v1/staff/queue?status=submitted")["items"] == []
    assert_error(office.post(f"/api/v1/cases/{case['id']}/release"), 409, "invalid_transition")


def test_plain_text_goes_straight_to_the_deputy(api, seeded):
    citizen = api.as_citizen("plain-citizen")
    case = citizen.ok("POST", "/api/v1/cases", 201, headers={"Idempotency-Key": "p1"}, json={
        "entry_code": seeded["deputies"][0]["entry_code"], "category": "other",
        "type": "request", "content": "路口红绿灯时间太短"})["case"]
    assert case["held_for_review"] is False
