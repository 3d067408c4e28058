"""The landing page and the API docs as a newcomer sees them, on a phone and a desktop."""
import pytest

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def test_a_newcomer_finds_the_doors_and_reads_the_api_docs(live_server, seeded, page,
                                                          phone_page):
    for name, tab in (("phone", phone_page), ("desktop", page)):
        tab.goto(f"{live_server}/")
        assert tab.inner_text("h1") == "码上办"
        assert tab.locator("#public-lists a", has_text="示例县").is_visible()
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= tab.viewport_size["width"], f"{name}: scrolls sideways"
        screenshot(tab, f"landing-{name}")

    page.click("#door-docs")
    page.wait_for_url("**/api/docs")
    page.wait_for_selector(".opblock", timeout=20_000)  # Swagger UI rendered operations
    assert page.locator(".opblock").count() > 20
    assert page.locator(".opblock-summary-path", has_text="/api/v1/cases").count() > 0
    screenshot(page, "api-docs-desktop", full_page=False)

    phone_page.click("#public-lists a")
    phone_page.wait_for_url("**/h5/public?region_id=demo")
    assert "示例县公开诉求" in phone_page.inner_text("h1")
