"""A case assigned by the office and answered by the unit through the admin pages, and
the dashboard showing the figures those cases make."""
import pytest

from tests.browser.cases_via_api import CaseMaker
from tests.browser.conftest import PHONE, admin_login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def open_case(page, content: str) -> None:
    page.click(f"table.cases a:has-text('{content[:8]}')")
    page.wait_for_url("**/admin/cases/**")


def act(page, action_name: str, fields: dict | None = None) -> None:
    """Open the action's panel, fill its form, submit it."""
    panel = page.locator("details.action", has=page.locator(f"summary:text-is('{action_name}')"))
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    for selector, value in (fields or {}).items():
        control = panel.locator(selector)
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    panel.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_office_assigns_and_the_unit_signs_and_answers_through_the_pages(
        live_server, seeded, api, new_page):
    maker = CaseMaker(api, seeded)
    case_id = maker.submit("东街路灯坏了三个月，晚上很黑。")
    maker.forward(case_id)

    office = new_page()
    admin_login(office, live_server, "office")
    assert "东街路灯坏了" in office.inner_text("table.cases")
    screenshot(office, "queue-office-desktop")
    open_case(office, "东街路灯坏了")
    screenshot(office, "case-forwarded-desktop")
    act(office, "交办", {"select[name=unit_id]": "示例县住建局",
                       "textarea[name=note]": "请五个工作日内签收"})
    assert "已交办" in office.inner_text(".flash")

    unit = new_page(PHONE, is_mobile=True, has_touch=True)
    admin_login(unit, live_server, "unit1")
    screenshot(unit, "queue-unit-phone")
    open_case(unit, "东街路灯坏了")
    act(unit, "签收")
    assert unit.inner_text("#case-status") == "办理中"
    act(unit, "办结答复", {"textarea[name=content]": "已更换三盏路灯，恢复照明。"})
    assert "已办结答复" in unit.inner_text(".flash")

    unit.goto(f"{live_server}/admin/cases/{case_id}")
    assert unit.inner_text("#case-status") == "已办结答复"
    timeline = unit.inner_text("ol.timeline")
    for step in ("提交诉求", "受理", "转交人大办", "交办", "签收", "办结答复", "已更换三盏路灯"):
        assert step in timeline
    screenshot(unit, "case-answered-phone")


def test_dashboard_shows_the_figures_of_the_region(live_server, seeded, api, new_page):
    maker = CaseMaker(api, seeded)
    lamp = maker.submit("东街路灯坏了，晚上很黑。")
    maker.submit("西街路灯也坏了。")
    maker.submit("村口水渠堵塞，农田灌溉困难。", category="agriculture")
    maker.forward(lamp)
    office = api.as_staff("office")
    office.ok("POST", f"/api/v1/cases/{lamp}/assign", json={"unit_id": "u-housing"})
    unit = api.as_staff("unit1")
    unit.ok("POST", f"/api/v1/cases/{lamp}/sign")
    unit.ok("POST", f"/api/v1/cases/{lamp}/answer", json={"content": "已修复路灯。"})
    maker.rate(lamp, "satisfied")

    page = new_page()
    admin_login(page, live_server, "office")
    page.goto(f"{live_server}/admin/dashboard")
    assert page.inner_text("#kpi-total") == "3"
    assert page.inner_text("#kpi-on-time") == "100.0%"
    assert page.inner_text("#kpi-satisfaction") == "100.0%"
    categories = page.locator("#table-category tr").all_inner_texts()
    assert [c.split("\t") for c in categories] == [["城市建设", "2", "66.7%"],
                                                   ["农业农村", "1", "33.3%"]]
    statuses = dict(r.split("\t")[:2] for r in page.locator("#table-status tr").all_inner_texts())
    assert statuses == {"已提交": "2", "已办结": "1"}
    assert page.locator("#rank-handled li").first.inner_text().startswith("张建国")
    assert "路灯" in page.inner_text("#words")
    page.wait_for_function("document.body.dataset.charts === '3'")
    assert page.locator("#chart-category canvas").count() == 1
    screenshot(page, "dashboard-desktop")
    phone = new_page(PHONE, is_mobile=True, has_touch=True)
    admin_login(phone, live_server, "office")
    phone.goto(f"{live_server}/admin/dashboard")
    phone.wait_for_function("document.body.dataset.charts === '3'")
    screenshot(phone, "dashboard-phone")
