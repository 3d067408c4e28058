"""Rights are decided by the server at every request: a token names a principal and a
session, nothing more; roles come and go at once; ended sessions stay ended."""
import base64

import pytest

from tests.case_fixtures import assert_error, case_body
from tests.integration.admin_helpers import admin_login

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

INBOX = "/api/v1/deputy/inbox"


def payload_of(token: str) -> str:
    part = token.split(".")[0]
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode()


@pytest.fixture
def deputy_codes(seeded):
    return seeded["deputies"][0]


def bind(caller, bind_code):
    return caller.ok("POST", "/api/v1/deputy/bind", json={"bind_code": bind_code})


def test_a_token_names_no_openid_and_no_roles(api, deputy_codes):
    user = api.as_citizen("opaque-one")
    bind(user, deputy_codes["bind_code"])
    readable = payload_of(user.token)
    assert "dev-opaque-one" not in readable and "deputy" not in readable \
        and "citizen" not in readable and deputy_codes["id"] not in readable


def test_binding_makes_the_token_the_caller_already_holds_a_deputys(api, deputy_codes):
    user = api.as_citizen("binds-now")
    assert_error(user.get(INBOX), 403, "forbidden")
    bound = bind(user, deputy_codes["bind_code"])
    assert "deputy" in bound["user"]["roles"]
    assert user.ok("GET", INBOX)["items"] == []  # the same token, no new login


def test_a_new_code_bound_by_someone_else_takes_everything_from_the_previous_user(
        api, seeded, deputy_codes):
    office = api.as_staff("office")
    first, second = api.as_citizen("old-phone"), api.as_citizen("new-phone")
    bind(first, deputy_codes["bind_code"])
    citizen = api.as_citizen("asks")
    case = citizen.ok("POST", "/api/v1/cases", 201, headers={"Idempotency-Key": "r1"},
                      json=case_body(deputy_codes["entry_code"]))["case"]
    first.ok("GET", f"/api/v1/cases/{case['id']}")
    renewed = office.ok("POST", f"/api/v1/staff/deputies/{deputy_codes['id']}/bind-code")
    new_code = renewed["deputy"]["bind_code"]
    assert new_code != deputy_codes["bind_code"]
    first.ok("GET", INBOX)  # a new code alone takes nothing yet
    assert_error(second.post("/api/v1/deputy/bind",
                             json={"bind_code": deputy_codes["bind_code"]}), 404, "not_found")
    bind(second, new_code)
    assert_error(first.get(INBOX), 403, "forbidden")
    assert_error(first.get(f"/api/v1/cases/{case['id']}"), 403, "forbidden")
    assert_error(first.post(f"/api/v1/cases/{case['id']}/accept"), 403, "forbidden")
    assert second.ok("POST", f"/api/v1/cases/{case['id']}/accept")["case"]["status"] == \
        "accepted"


def test_a_deactivated_deputy_is_nobodys_at_once_and_cannot_be_bound(api, seeded):
    office = api.as_staff("office")
    codes = seeded["deputies"][1]
    user = api.as_citizen("leaving-deputy")
    bind(user, codes["bind_code"])
    off = office.ok("POST", f"/api/v1/staff/deputies/{codes['id']}/deactivate")["deputy"]
    assert off["active"] is False and off["bound"] is False and "phone" in off
    assert_error(user.get(INBOX), 403, "forbidden")
    renewed = office.ok("POST", f"/api/v1/staff/deputies/{codes['id']}/bind-code")
    assert_error(api.as_citizen("someone").post(
        "/api/v1/deputy/bind", json={"bind_code": renewed["deputy"]["bind_code"]}),
        404, "not_found")


def test_staff_logout_ends_every_token_of_the_account(api, seeded):
    first, second = api.as_staff("unit1"), api.as_staff("unit1")
    first.ok("GET", "/api/v1/staff/queue")
    response = first.post("/api/v1/staff/logout")
    assert response.status_code == 204
    assert_error(first.get("/api/v1/staff/queue"), 401, "unauthorized")
    assert_error(second.get("/api/v1/staff/queue"), 401, "unauthorized")
    api.as_staff("unit1").ok("GET", "/api/v1/staff/queue")  # a new login works


def test_deactivation_and_password_reset_end_the_accounts_tokens(api, seeded):
    admin = api.as_staff("admin")
    unit = api.as_staff("unit1")
    admin.ok("POST", "/api/v1/staff/accounts/unit1/password", json={"password": "fresh-pass-1"})
    assert_error(unit.get("/api/v1/staff/queue"), 401, "unauthorized")
    unit = api.as_staff("unit1", "fresh-pass-1")
    account = admin.ok("POST", "/api/v1/staff/accounts/unit1/deactivate")["account"]
    assert account["active"] is False
    assert_error(unit.get("/api/v1/staff/queue"), 401, "unauthorized")
    assert_error(api.post("/api/v1/staff/login", json={
        "username": "unit1", "password": "fresh-pass-1"}), 401, "unauthorized")


def test_only_an_admin_of_the_region_may_end_other_accounts(api, seeded):
    office = api.as_staff("office")
    assert_error(office.post("/api/v1/staff/accounts/unit1/deactivate"), 403, "forbidden")
    assert_error(office.post("/api/v1/staff/accounts/unit1/password",
                             json={"password": "x" * 12}), 403, "forbidden")
    admin = api.as_staff("admin")
    assert_error(admin.post("/api/v1/staff/accounts/nobody/deactivate"), 404, "not_found")
    assert_error(admin.post("/api/v1/staff/accounts/unit1/password", json={"password": "short"}),
                 400, "validation_error", "password")
    assert_error(api.as_citizen("c").post("/api/v1/staff/logout"), 403, "forbidden")
    assert_error(admin.post("/api/v1/staff/accounts/admin/deactivate"), 403, "forbidden",
                 "username")  # nobody locks themselves out
    assert admin.ok("GET", "/api/v1/staff/stats") is not None  # and it still works


def test_an_admin_cookie_replayed_after_logout_is_refused(client, seeded):
    csrf = admin_login(client, "office")
    cookie = client.get_cookie("session").value
    assert client.get("/admin/queue").status_code == 200
    client.post("/admin/logout", data={"csrf_token": csrf})
    client.set_cookie("session", cookie)
    replayed = client.get("/admin/queue")
    assert replayed.status_code == 302 and "/admin/login" in replayed.headers["Location"]


def test_an_admin_session_ends_when_the_account_is_locked_or_its_password_reset(
        client, app, seeded):
    from tests.case_fixtures import Caller
    admin_login(client, "unit1")
    assert client.get("/admin/queue").status_code == 200
    admin = Caller(app.test_client()).as_staff("admin")
    admin.ok("POST", "/api/v1/staff/accounts/unit1/password", json={"password": "fresh-pass-2"})
    assert client.get("/admin/queue").status_code == 302


def test_an_h5_cookie_replayed_after_logout_is_refused(client, seeded):
    from tests.h5_client import H5, hidden, text
    browser = H5(client)
    browser.log_in()
    cookie = client.get_cookie("h5_token").value
    assert client.get("/h5/mine").status_code == 200
    fields = hidden(text(client.get("/h5/mine")))
    client.post("/h5/logout", data={"csrf_token": fields["csrf_token"]})
    client.set_cookie("h5_token", cookie)
    replayed = client.get("/h5/mine")
    assert replayed.status_code in (302, 303) and "/h5/login" in replayed.headers["Location"]


def test_a_submission_retried_after_its_deputy_was_deactivated_gets_the_stored_case(
        api, seeded):
    codes = seeded["deputies"][2]
    citizen = api.as_citizen("retrier")
    body = case_body(codes["entry_code"])
    first = citizen.ok("POST", "/api/v1/cases", 201, headers={"Idempotency-Key": "r-1"},
                       json=body)["case"]
    api.as_staff("office").ok("POST", f"/api/v1/staff/deputies/{codes['id']}/deactivate")
    again = citizen.ok("POST", "/api/v1/cases", 200, headers={"Idempotency-Key": "r-1"},
                       json=body)["case"]
    assert again["id"] == first["id"]
    assert_error(citizen.post("/api/v1/cases", headers={"Idempotency-Key": "r-2"}, json=body),
                 404, "not_found")


def test_an_h5_form_token_is_worthless_in_another_users_session(client, seeded):
    from tests.h5_client import H5, hidden, text
    browser = H5(client)
    browser.log_in()
    token = hidden(text(client.get("/h5/mine")))["csrf_token"]
    csrf_cookie = client.get_cookie("h5_csrf").value
    other = H5(client.application.test_client())
    other.log_in(phone="13900001111")
    other.client.set_cookie("h5_csrf", csrf_cookie)  # even with the victim's CSRF cookie
    refused = other.client.post("/h5/logout", data={"csrf_token": token})
    assert refused.status_code == 403
    assert other.client.get("/h5/mine").status_code == 200  # still logged in
