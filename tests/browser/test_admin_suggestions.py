"""The office reviews a suggestion and the unit answers it through the admin pages,
on a desktop (1280 px) and a phone (390 px)."""
import pytest

from tests.browser.conftest import PHONE, admin_login, screenshot
from tests.case_fixtures import LiveApi
from tests.suggestion_fixtures import SuggestionCast

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
TITLE = "关于改善东街照明的建议"


def act(page, action_name: str, fields: dict | None = None) -> None:
    """Open the action's panel, fill its form, submit it."""
    panel = page.locator("details.action", has=page.locator(f"summary:text-is('{action_name}')"))
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    for selector, value in (fields or {}).items():
        control = panel.locator(selector)
        kind = control.first.evaluate("e => e.tagName + ':' + (e.type || '')")
        if kind.startswith("SELECT"):
            control.select_option(label=value)
        elif kind.endswith("checkbox"):
            control.check()
        else:
            control.fill(value)
    panel.locator("button[type=submit]").click()
    page.wait_for_load_state()


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_office_reviews_and_assigns_and_the_unit_answers_on_a_phone(live_server, seeded,
                                                                      new_page):
    cast = SuggestionCast(LiveApi(live_server), seeded)
    sid = cast.suggestion_at("submitted")

    office = new_page()
    admin_login(office, live_server, "office")
    office.click("nav >> text=代表建议")
    assert TITLE in office.inner_text("table.suggestions")
    screenshot(office, "suggestions-review-desktop")
    office.click(f"table.suggestions a:has-text('{TITLE[:6]}')")
    office.wait_for_url("**/admin/suggestions/**")
    act(office, "立案", {"input[name=key]": "1"})
    assert "已立案" in office.inner_text(".flash")
    assert office.inner_text("#suggestion-status") == "已立案"
    assert office.inner_text("#suggestion-number").endswith("-1")
    act(office, "交办", {"select[name=unit_id]": "示例县住建局"})
    assert office.inner_text("#suggestion-status") == "已交办"
    assert fits(office, 1280)
    screenshot(office, "suggestion-assigned-desktop")

    unit = new_page(PHONE, is_mobile=True, has_touch=True)
    admin_login(unit, live_server, "unit1")
    unit.goto(f"{live_server}/admin/suggestions")
    unit.click(f"table.suggestions a:has-text('{TITLE[:6]}')")
    act(unit, "签收")
    assert unit.inner_text("#suggestion-status") == "办理中"
    act(unit, "与领衔代表沟通", {"select[name=method]": "走访",
                           "textarea[name=note]": "上门听取代表意见"})
    act(unit, "答复", {"select[name=classification]": "B 类：列入计划解决",
                     "input[name=planned_by]": "2027 年 6 月",
                     "textarea[name=content]": "已列入明年道路照明改造计划。"})
    assert "已答复" in unit.inner_text(".flash")
    assert unit.inner_text("#suggestion-status") == "已答复"
    assert "列入计划解决" in unit.inner_text("section.card >> nth=2")
    assert fits(unit, PHONE["width"])
    screenshot(unit, "suggestion-answered-phone")
    timeline = unit.inner_text("ol.timeline")
    for step in ("提交", "立案", "交办", "签收", "与领衔代表沟通", "答复"):
        assert step in timeline

    office.goto(f"{live_server}/admin/suggestions/stats")
    assert "示例县住建局" in office.inner_text("table.stats")
    office.goto(f"{live_server}/admin/suggestions/key")
    assert TITLE in office.inner_text("table.suggestions")


def test_the_dashboard_shows_suggestion_figures_on_a_desktop(live_server, seeded, new_page):
    cast = SuggestionCast(LiveApi(live_server), seeded)
    cast.suggestion_at("closed")
    cast.suggestion_at("submitted", lead=1)
    office = new_page()
    admin_login(office, live_server, "office")
    office.goto(f"{live_server}/admin/dashboard")
    section = office.locator("#suggestion-figures")
    assert section.is_visible()
    assert office.inner_text("#kpi-suggestions") == "2"
    assert office.inner_text("#kpi-suggestion-on-time") == "100.0%"
    assert office.inner_text("#kpi-suggestion-satisfaction") == "100.0%"
    statuses = office.inner_text("#table-suggestion-status")
    assert "已办结" in statuses and "待审核" in statuses
    tops = section.locator(".kpi").evaluate_all("els => els.map(e => e.offsetTop)")
    assert len(set(tops)) == 1  # the four figures in one row at 1280 px
    assert fits(office, 1280)
    screenshot(office, "dashboard-suggestions-desktop")
    section.locator("a").click()
    office.wait_for_load_state()
    assert "示例县住建局" in office.inner_text("table.stats")
