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


def held_station_case(api, key: str) -> str:
    """A risky case through a station code: the office takes it in, as its deputy too."""
    from functions.org import stations
    code = stations.add_station(actor={"kind": "staff", "username": "office", "role": "office",
                                       "region_id": "demo"}, name=f"联络站{key}")["entry_code"]
    case = api.as_citizen(f"held-{key}").ok(
        "POST", "/api/v1/cases", 201, headers={"Idempotency-Key": key}, json={
            "entry_code": code, "category": "other", "type": "request",
            "content": "有人在村里聚众赌博，希望管一管"})["case"]
    assert case["held_for_review"] is True
    return case["id"]


def test_the_office_cannot_accept_a_held_station_case_before_releasing_it(api, seeded):
    office = api.as_staff("office")
    case_id = held_station_case(api, "hs1")
    assert set(office.ok("GET", f"/api/v1/cases/{case_id}")["case"]["actions"]) == {
        "reject", "release"}
    assert_error(office.post(f"/api/v1/cases/{case_id}/accept"), 409, "invalid_transition")
    office.ok("POST", f"/api/v1/cases/{case_id}/release")
    assert office.ok("POST", f"/api/v1/cases/{case_id}/accept")["case"]["status"] == "accepted"


def test_the_owner_cannot_withdraw_a_held_case_but_the_office_can_reject_it(api, seeded):
    case_id = held_station_case(api, "hs2")
    owner = api.as_citizen("held-hs2")
    assert_error(owner.post(f"/api/v1/cases/{case_id}/withdraw"), 409, "invalid_transition")
    office = api.as_staff("office")
    rejected = office.ok("POST", f"/api/v1/cases/{case_id}/reject", json={"reason": "违法信息"})
    assert rejected["case"]["status"] == "rejected"


def test_the_admin_pages_release_button_releases_the_case(app, api, seeded):
    from tests.integration.admin_helpers import admin_login
    case_id = held_station_case(api, "hs3")
    page = app.test_client()
    token = admin_login(page, "office")
    html = page.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    assert 'class="action-release"' in html and "审核通过" in html
    answer = page.post(f"/admin/cases/{case_id}/act", data={
        "csrf_token": token, "back": f"/admin/cases/{case_id}", "action": "release"})
    assert answer.status_code == 302
    case = api.as_staff("office").ok("GET", f"/api/v1/cases/{case_id}")["case"]
    assert case["held_for_review"] is False
    assert [e["action"] for e in case["timeline"]] == ["submit", "release"]
