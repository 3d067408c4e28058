"""The office's 履职审核 page and the printable archive in a real browser (390 / 1280 px)."""
import os
import re

import pytest

from tests.browser.conftest import PHONE, SCREENSHOTS, admin_login, screenshot
from tests.case_fixtures import live_cast  # noqa: F401
from tests.integration.duty_fixtures import enter, fixed_clock, report  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width + 1


def test_the_office_verifies_and_rejects_on_the_review_page(live_server, live_cast, new_page):
    first = report(live_cast.deputy(0), title="调研老旧小区加装电梯")
    report(live_cast.deputy(1), title="走访河西乡果农")
    for name, viewport in (("phone", PHONE), ("desktop", {"width": 1280, "height": 860})):
        page = new_page(viewport)
        admin_login(page, live_server, "office")
        page.goto(f"{live_server}/admin/duty/review")
        assert page.locator("table.duty-review tbody tr").count() == 2
        assert fits(page, viewport["width"])
        screenshot(page, f"duty-review-{name}")
    row = page.locator(f"#record-{first['id']}")
    row.locator("button", has_text="核实").click()
    page.wait_for_selector("p.flash")
    assert "已核实" in page.inner_text("p.flash")
    other = page.locator("table.duty-review tbody tr").first
    other.locator("input[name=reason]").fill("请补充活动照片")
    other.locator("button", has_text="退回").click()
    page.wait_for_selector("text=没有待审核的履职记录")
    screenshot(page, "duty-review-done-desktop")
    mine = live_cast.deputy(1).ok("GET", "/api/v1/deputy/duty-records")["items"][0]
    assert (mine["status"], mine["reason"]) == ("rejected", "请补充活动照片")


def test_the_archive_prints_on_a4_without_the_menu(live_server, live_cast, new_page):
    for kind in ("meeting", "inspection", "group_activity"):
        enter(live_cast.office, live_cast.deputy_id(), kind=kind)
    page = new_page()
    admin_login(page, live_server, "office")
    page.goto(f"{live_server}/admin/duty/ranking?year=2026")
    page.click("table.duty-ranking tbody tr:first-child a:has-text('查看')")
    page.wait_for_selector("article.archive-sheet")
    sheet = page.inner_text("article.archive-sheet")
    assert "张建国" in sheet and "13800000001" in sheet and "7" in sheet
    screenshot(page, "duty-archive-desktop")
    page.emulate_media(media="print")
    assert not page.locator("header.topbar").is_visible()
    assert not page.locator("#print-archive").is_visible()
    os.makedirs(SCREENSHOTS, exist_ok=True)
    pdf = page.pdf(path=os.path.join(SCREENSHOTS, "duty-archive.pdf"), format="A4",
                   print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    phone = new_page(PHONE, is_mobile=True, has_touch=True)
    phone.goto(f"{live_server}/h5/deputies/{live_cast.deputy_id()}?year=2026")
    assert "13800000001" not in phone.content() and fits(phone, PHONE["width"])
    screenshot(phone, "duty-h5-archive-phone")


@pytest.mark.parametrize("username", ["office", "admin"])
def test_the_duty_pages_fit_a_phone_and_a_desktop(live_server, live_cast, new_page, username):
    enter(live_cast.office, live_cast.deputy_id(), kind="meeting")
    live_cast.office.ok("POST", "/api/v1/staff/activities", 201, headers={
        "Idempotency-Key": "browser-activity"}, json={
        "kind": "group_activity", "title": "代表小组集中活动", "place": "城关镇联络站",
        "starts_at": "2026-06-17T01:00:00Z", "ends_at": "2026-06-17T04:00:00Z",
        "capacity": 20})
    for name, viewport in (("phone", PHONE), ("desktop", {"width": 1280, "height": 860})):
        page = new_page(viewport)
        admin_login(page, live_server, username)
        for path, shot in (("/admin/duty/ranking?year=2026", "ranking"),
                           ("/admin/duty/activities", "activities"),
                           ("/admin/duty/rules", "rules")):
            page.goto(live_server + path)
            assert fits(page, viewport["width"]), (path, name)
            screenshot(page, f"duty-{shot}-{username}-{name}")
        page.goto(f"{live_server}/admin/duty/activities")
        page.click("table.duty-activities tbody tr:first-child td:nth-child(2) a")
        page.wait_for_function(
            "() => { const i = document.querySelector('img.checkin-qr'); "
            "return i && i.complete && i.naturalWidth > 0; }")
        assert page.eval_on_selector("img.checkin-qr", "i => i.naturalWidth") > 200
        assert fits(page, viewport["width"])
        screenshot(page, f"duty-activity-qr-{username}-{name}")
