"""全部诉求 in a browser at 390 px and 1280 px: filter, open a case, print its 办理单."""
import re

import pytest

from tests.browser.cases_via_api import CaseMaker
from tests.browser.conftest import PHONE, admin_login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
SIZES = {"phone": dict(viewport=PHONE, is_mobile=True, has_touch=True), "desktop": {}}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1


@pytest.mark.parametrize("size", SIZES)
def test_the_office_filters_all_cases_opens_one_and_prints_its_sheet(
        live_server, seeded, api, new_page, size):
    maker = CaseMaker(api, seeded)
    waiting = maker.submit("西河桥护栏松动，孩子上学路过很危险。")
    forwarded = maker.submit("村里的自来水浑浊已有一周。", category="agriculture")
    maker.forward(forwarded)
    page = new_page(**SIZES[size])
    admin_login(page, live_server, "office")
    page.goto(f"{live_server}/admin/cases")
    assert page.inner_text("h1") == "全部诉求" and fits(page)
    links = page.locator("table.cases a[href^='/admin/cases/']")
    assert {waiting, forwarded} <= {h.rsplit("/", 1)[1] for h in links.evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")}
    page.select_option("select[name=status]", "forwarded")
    page.select_option("select[name=category]", "agriculture")
    page.click("#case-filters button[type=submit]")
    page.wait_for_url(re.compile(r"status=forwarded"))
    rows = page.locator("table.cases tbody tr")
    assert rows.count() == 1 and "自来水浑浊" in rows.first.inner_text()
    assert page.input_value("select[name=status]") == "forwarded" and fits(page)
    assert "category=agriculture" in page.get_attribute("#export-filtered", "href")
    screenshot(page, f"all-cases-filtered-{size}")
    page.fill("input[name=from]", "2030-01-02")
    page.fill("input[name=to]", "2030-01-01")
    page.click("#case-filters button[type=submit]")
    assert "结束日期：不能早于开始日期" in page.inner_text("#form-alert")
    assert page.input_value("input[name=from]") == "2030-01-02" and fits(page)
    screenshot(page, f"all-cases-refused-{size}")
    page.goto(f"{live_server}/admin/cases?status=forwarded")
    page.locator("table.cases tbody tr").first.locator("td.content a").click()
    page.wait_for_url(re.compile(rf"/admin/cases/{forwarded}$"))
    page.click("#case-sheet-link")
    page.wait_for_url(re.compile(r"/sheet$"))
    sheet = page.inner_text("#case-sheet")
    assert "群众诉求办理单" in sheet and "13812345678" in sheet and "转交人大办" in sheet
    assert re.search(r"\d+月\d+日（周.）前", page.inner_text("#sheet-stages")) and fits(page)
    screenshot(page, f"case-sheet-{size}")
    page.emulate_media(media="print")
    assert page.is_hidden(".topbar") and page.is_hidden("#print-sheet")
    assert page.is_visible("#sheet-timeline")
