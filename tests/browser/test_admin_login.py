"""Staff log in to the admin page, are refused with a wrong password, and log out."""
import pytest

from tests.browser.conftest import admin_login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def test_office_logs_in_sees_its_queue_and_logs_out(live_server, seeded, page, phone_page):
    phone_page.goto(f"{live_server}/admin/")
    phone_page.wait_for_url("**/admin/login**")
    screenshot(phone_page, "login-phone")
    phone_page.fill("input[name=username]", "office")
    phone_page.fill("input[name=password]", "wrong-password")
    phone_page.click("button[type=submit]")
    assert "用户名或密码错误" in phone_page.inner_text(".flash-error")

    admin_login(page, live_server, "office")
    assert page.inner_text("h1") == "待交办诉求"
    cookie = next(c for c in page.context.cookies() if c["name"] == "session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    screenshot(page, "queue-office-empty-desktop")

    page.click("text=退出")
    page.wait_for_url("**/admin/login")
    page.goto(f"{live_server}/admin/deputies")
    assert "/admin/login" in page.url  # the session is gone
