"""Playwright against Debian's chromium: one headless browser for the session, a fresh
context (cookies, viewport) per page, and screenshots kept as test artifacts.

Screenshots go to `test-artifacts/screenshots/` (see README). The browser is the
system's /usr/bin/chromium installed by `make install`; nothing is downloaded.
"""
import os
import re

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "test-artifacts", "screenshots")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("CI"):  # CI installs it: a missing browser is a broken install
            pytest.fail("no /usr/bin/chromium under CI: make install should have put it there")
        pytest.skip("no /usr/bin/chromium (make install puts it there)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """`new_page(viewport=DESKTOP)`: a page in its own context (own cookies)."""
    contexts = []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, locale="zh-CN",
                                      timezone_id="Asia/Shanghai", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()
    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def phone_page(new_page):
    return new_page(PHONE, is_mobile=True, has_touch=True)


def screenshot(page, name: str, full_page: bool = True) -> str:
    """Save a PNG of the page as `test-artifacts/screenshots/<name>.png`; its path."""
    os.makedirs(SCREENSHOTS, exist_ok=True)
    path = os.path.join(SCREENSHOTS, re.sub(r"[^\w.-]+", "-", name) + ".png")
    page.screenshot(path=path, full_page=full_page)
    return path


def admin_login(page, base_url: str, username: str, password: str = "demo12345") -> None:
    """Log in through the admin login form and land on the role's start page."""
    page.goto(f"{base_url}/admin/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/(queue|dashboard)"))
