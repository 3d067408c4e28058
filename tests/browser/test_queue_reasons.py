"""The queues say why (issue 17 item 4): the office sees each row's reason as a badge, also
for a unit's extension request waiting for its decision; a unit works through 待签收 /
办理中 / 已办结 tabs; at 390 px and 1280 px."""
import pytest

from tests.browser.cases_via_api import CaseMaker
from tests.browser.conftest import PHONE, admin_login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
SIZES = {"phone": dict(viewport=PHONE, is_mobile=True, has_touch=True), "desktop": {}}


def cases_in_each_place(api, seeded) -> dict:
    maker, office = CaseMaker(api, seeded), api.as_staff("office")
    unit = api.as_staff("unit1")
    made = {}
    for name, content in (("forwarded", "北街路灯不亮。"), ("returned", "河道垃圾堆积。"),
                          ("signed", "学校门口缺少斑马线。"), ("answered", "小区停水三天。")):
        made[name] = maker.submit(content)
        maker.forward(made[name])
    for name in ("returned", "signed", "answered"):
        office.ok("POST", f"/api/v1/cases/{made[name]}/assign", json={"unit_id": "u-housing"})
    unit.ok("POST", f"/api/v1/cases/{made['returned']}/return", json={"reason": "非本单位职责"})
    for name in ("signed", "answered"):
        unit.ok("POST", f"/api/v1/cases/{made[name]}/sign")
    unit.ok("POST", f"/api/v1/cases/{made['answered']}/answer", json={"content": "已恢复供水。"})
    unit.ok("POST", f"/api/v1/cases/{made['signed']}/extension",
            headers={"Idempotency-Key": "browser-extension"},
            json={"working_days": 5, "reason": "需协调交警部门"})
    return made


def row_of(page, case_id):
    return page.locator("table.cases tbody tr").filter(
        has=page.locator(f"a[href='/admin/cases/{case_id}']"))


@pytest.mark.parametrize("size", SIZES)
def test_the_office_sees_why_and_the_unit_works_through_its_tabs(
        live_server, seeded, api, new_page, size):
    made = cases_in_each_place(api, seeded)
    office = new_page(**SIZES[size])
    admin_login(office, live_server, "office")
    office.goto(f"{live_server}/admin/queue")
    assert row_of(office, made["forwarded"]).locator(".badge.reason").inner_text() == "代表转来"
    assert row_of(office, made["returned"]).locator(".badge.reason").inner_text() == "单位退回"
    assert row_of(office, made["returned"]).locator(".badge.reason").is_visible()
    assert row_of(office, made["signed"]).locator(".badge.reason").inner_text() == "申请延期"
    screenshot(office, f"queue-reasons-office-{size}")
    unit = new_page(**SIZES[size])
    admin_login(unit, live_server, "unit1")
    unit.goto(f"{live_server}/admin/queue")
    tabs = unit.locator("nav.tabs a")
    assert tabs.all_inner_texts() == ["全部待办", "待签收", "办理中", "已办结"]
    unit.click("nav.tabs a:has-text('办理中')")
    assert row_of(unit, made["signed"]).count() == 1
    assert row_of(unit, made["answered"]).count() == 0
    unit.click("nav.tabs a:has-text('已办结')")
    unit.wait_for_url("**/admin/queue?tab=done")
    assert row_of(unit, made["answered"]).is_visible()
    assert unit.locator("nav.tabs a.on").inner_text() == "已办结"
    width = unit.evaluate("document.documentElement.scrollWidth")
    assert width <= unit.viewport_size["width"], "the page must not scroll sideways"
    screenshot(unit, f"queue-tabs-unit-done-{size}")
