"""The admin page's session: CSRF on every form, cookie flags, expiry, roles, logout."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.shared import clock
from tests.integration.admin_helpers import admin_login, csrf_of

pytestmark = [pytest.mark.integration]


def test_a_form_posted_without_the_session_token_is_refused(client, seeded):
    token = csrf_of(client.get("/admin/login").get_data(as_text=True))
    for sent in ({}, {"csrf_token": "forged"}):
        response = client.post("/admin/login", data={"username": "office",
                                                      "password": "demo12345", **sent})
        assert response.status_code == 400 and "页面已过期" in response.get_data(as_text=True)
    assert client.post("/admin/login", data={"username": "office", "password": "demo12345",
                                             "csrf_token": token}).status_code == 302


def test_the_session_cookie_is_http_only_lax_and_the_login_starts_a_new_session(client, seeded):
    before = csrf_of(client.get("/admin/login").get_data(as_text=True))
    after = admin_login(client, "office")
    assert before != after  # no token (nor anything else) survives from before login
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax" and cookie.expires is not None


def test_a_session_older_than_eight_hours_by_the_clock_sends_the_user_back_to_login(
        client, seeded):
    login = datetime(2026, 12, 1, 1, 0, tzinfo=timezone.utc)  # far from the real time
    clock.set_now(login)
    admin_login(client, "office")
    clock.set_now(login + timedelta(hours=8) - timedelta(seconds=1))
    assert client.get("/admin/queue").status_code == 200
    clock.set_now(login + timedelta(hours=8, seconds=1))
    response = client.get("/admin/queue")
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]


def test_logout_forgets_the_staff_member(client, seeded):
    token = admin_login(client, "office")
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 302
    assert "/admin/login" in client.get("/admin/queue").headers["Location"]


def test_each_role_reaches_only_its_own_pages(app, seeded):
    unit, office = app.test_client(), app.test_client()
    admin_login(unit, "unit1")
    admin_login(office, "office")
    assert unit.get("/admin/deputies").status_code == 403
    assert unit.get("/admin/dashboard").status_code == 403
    assert office.get("/admin/units").status_code == 403
    assert office.get("/admin/accounts").status_code == 403
    assert office.get("/admin/deputies").status_code == 200


def test_a_deactivated_account_loses_its_open_session(app, seeded):
    admin, office = app.test_client(), app.test_client()
    token = admin_login(admin, "admin")
    admin_login(office, "office")
    admin.post("/admin/accounts/office/active", data={"csrf_token": token, "active": "0"})
    assert "/admin/login" in office.get("/admin/queue").headers["Location"]


def test_login_never_redirects_to_another_site(client, seeded):
    token = csrf_of(client.get("/admin/login").get_data(as_text=True))
    response = client.post("/admin/login", data={"username": "office", "password": "demo12345",
                                                  "csrf_token": token,
                                                  "next": "//evil.example/steal"})
    assert response.headers["Location"] == "/admin/"
