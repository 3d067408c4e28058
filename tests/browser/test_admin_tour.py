"""Every admin page opens for its role on a phone and on a desktop, with a screenshot each."""
import pytest

from tests.browser.cases_via_api import CaseMaker
from tests.browser.conftest import DESKTOP, PHONE, admin_login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

OFFICE_PAGES = {"all-cases": "/admin/cases", "overdue": "/admin/overdue",
                "deputies": "/admin/deputies",
                "deputy-new": "/admin/deputies/new", "stations": "/admin/stations",
                "notifications": "/admin/notifications", "export": "/admin/export",
                "suggestions-office": "/admin/suggestions",
                "suggestions-key": "/admin/suggestions/key",
                "suggestions-stats": "/admin/suggestions/stats"}
ADMIN_PAGES = {"units": "/admin/units", "accounts": "/admin/accounts",
               "settings": "/admin/settings", "calendar": "/admin/calendar"}


def tour(page, base, pages: dict, suffix: str) -> None:
    for name, path in pages.items():
        response = page.goto(base + path)
        assert response.status == 200, (path, response.status)
        assert page.locator("h1").count() >= 1
        # Nothing may be wider than the screen: tables fold or scroll inside their box.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (path, overflow)
        screenshot(page, f"{name}-{suffix}")


def test_every_page_opens_on_phone_and_desktop(live_server, seeded, api, new_page):
    maker = CaseMaker(api, seeded)
    maker.submit("南门菜市场门口积水严重。")
    office = api.as_staff("office")
    deputy_id = seeded["deputies"][0]["id"]
    for label, viewport, extra in (("desktop", DESKTOP, {}),
                                   ("phone", PHONE, {"is_mobile": True, "has_touch": True})):
        page = new_page(viewport, **extra)
        admin_login(page, live_server, "office")
        tour(page, live_server, {**OFFICE_PAGES, "deputy-edit": f"/admin/deputies/{deputy_id}"},
             label)
        page = new_page(viewport, **extra)
        admin_login(page, live_server, "admin")
        tour(page, live_server, ADMIN_PAGES, label)
    assert office.ok("GET", "/api/v1/staff/stats")["total"] == 1


def test_the_phone_menu_opens_and_the_unit_sees_only_its_pages(live_server, seeded, new_page):
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    admin_login(page, live_server, "unit1")
    assert not page.is_visible("nav.nav")
    page.click("label.nav-button")
    assert page.is_visible("nav.nav")
    assert page.locator("nav.nav a").all_inner_texts() == ["待办理", "代表建议", "民生实事"]
    screenshot(page, "menu-unit-phone")
    assert page.goto(f"{live_server}/admin/deputies").status == 403
