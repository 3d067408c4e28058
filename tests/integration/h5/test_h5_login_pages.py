"""H5 phone login through the pages: cookies, CSRF, throttling and code errors in Chinese."""
from datetime import timedelta

import pytest

from functions.identity import tokens as auth_tokens, users
from functions.shared import clock
from tests.h5_client import H5, PHONE, dev_code, hidden, text

pytestmark = pytest.mark.integration


@pytest.fixture
def h5(client, store):
    return H5(client)


def cookie_header(response, name: str) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "="))


def test_the_login_page_asks_for_a_phone_and_starts_a_csrf_cookie(h5):
    response = h5.get("/h5/login")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "手机号登录" in text(response) and "获取验证码" in text(response)
    assert "csrf_token" in hidden(text(response))
    cookie = cookie_header(response, "h5_csrf")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_dev_mode_shows_the_code_and_the_masked_phone(h5):
    page = text(h5.ask_code())
    assert "139****5678" in page and len(dev_code(page)) == 6


def test_the_right_code_sets_an_httponly_lax_session_cookie_and_goes_on(h5):
    response = h5.log_in(next_path="/h5/public?region_id=demo")
    assert response.headers["Location"] == "/h5/public?region_id=demo"
    cookie = cookie_header(response, "h5_token")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    token = h5.client.get_cookie("h5_token").value
    assert auth_tokens.verify(token)["id"] == users.phone_user_id(PHONE)
    assert "我的诉求" in text(h5.get("/h5/mine"))


def test_a_wrong_code_says_how_many_tries_are_left(h5):
    page = text(h5.ask_code())
    wrong = f"{(int(dev_code(page)) + 1) % 10 ** 6:06d}"
    response = h5.client.post("/h5/login/verify", data={**hidden(page), "code": wrong})
    assert response.status_code == 401
    assert "验证码错误，还可尝试 4 次" in text(response)
    assert h5.client.get_cookie("h5_token") is None


def test_an_expired_code_asks_for_a_new_one(h5):
    page = text(h5.ask_code())
    clock.set_now(clock.now() + timedelta(minutes=6))
    response = h5.client.post("/h5/login/verify", data={**hidden(page), "code": dev_code(page)})
    assert response.status_code == 401 and "验证码已失效" in text(response)


def test_a_second_code_within_the_minute_is_429_but_the_first_stays_usable(h5):
    first = text(h5.ask_code())
    again = h5.ask_code()
    assert again.status_code == 429 and "获取验证码过于频繁" in text(again)
    response = h5.client.post("/h5/login/verify",
                              data={**hidden(text(again)), "code": dev_code(first)})
    assert response.status_code == 303


def test_a_client_asking_for_json_gets_the_contracts_429(h5):
    h5.ask_code()
    response = h5.post_form("/h5/login", "/h5/login/code", {"phone": PHONE},
                            headers={"Accept": "application/json"})
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "rate_limited"
    assert "retry_after" in response.get_json()["error"]["fields"]


def test_a_bad_number_is_shown_again_with_a_hint(h5):
    response = h5.post_form("/h5/login", "/h5/login/code", {"phone": "12345"})
    assert response.status_code == 400 and "请输入正确的11位手机号" in text(response)


def test_a_form_without_the_csrf_token_is_refused(h5):
    h5.get("/h5/login")
    response = h5.client.post("/h5/login/code", data={"phone": PHONE})
    assert response.status_code == 403 and "页面已过期" in text(response)


def test_a_csrf_token_from_another_browser_is_refused(h5, app):
    foreign = hidden(text(app.test_client().get("/h5/login")))["csrf_token"]
    h5.get("/h5/login")
    response = h5.client.post("/h5/login/code", data={"csrf_token": foreign, "phone": PHONE})
    assert response.status_code == 403


@pytest.mark.parametrize("target", ["https://evil.example/x", "//evil.example/x",
                                    "/\\evil.example", "javascript:alert(1)"])
def test_login_never_sends_people_off_the_site(h5, target):
    assert h5.log_in(next_path=target).headers["Location"] == "/h5/mine"


def test_logging_out_forgets_the_session(h5):
    h5.log_in()
    h5.post_form("/h5/mine", "/h5/logout")
    assert h5.client.get_cookie("h5_token") is None
    assert h5.get("/h5/mine").status_code == 303


def test_a_forged_session_cookie_counts_as_logged_out(h5):
    h5.client.set_cookie("h5_token", "forged.token")
    response = h5.get("/h5/mine")
    assert response.status_code == 303 and "/h5/login" in response.headers["Location"]


def test_pages_are_not_cached_and_allow_no_outside_scripts(h5):
    response = h5.get("/h5/login")
    assert response.headers["Cache-Control"] == "no-store"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_the_stylesheet_and_script_are_served_locally_and_may_be_cached(h5):
    for name in ("h5.css", "h5.js"):
        response = h5.get(f"/h5/static/{name}")
        assert response.status_code == 200 and response.headers.get("Cache-Control") != "no-store"
        response.close()


def test_a_code_request_naming_an_unknown_region_is_refused_before_any_code_is_sent(h5, store):
    from functions.notifications.log import list_records  # noqa: F401
    from tests.h5_client import hidden
    page = text(h5.get("/h5/login"))
    response = h5.client.post("/h5/login/code", data={
        **hidden(page), "phone": PHONE, "region_id": "no-such-region"})
    assert response.status_code == 400 and "链接中的地区有误" in text(response)
    assert "开发模式验证码" not in text(response)
    from functions.storage.models import PhoneCodeItem
    from functions.storage import keys
    assert PhoneCodeItem.count(keys.throttle_pk(f"sms-code#{users.phone_user_id(PHONE)}")) == 0

