"""The lead unit's project page in a real browser, on a desktop and on a phone: a refused
monthly report keeps what was typed, the corrected one shows in the history, and a
deputy's comment is answered."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, admin_login, screenshot
from tests.integration.projects_cast import live_pcast  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def no_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_unit_reports_progress_and_answers_a_comment(live_server, live_pcast, new_page,
                                                         viewport):
    round_id, _ = live_pcast.round_in("in_progress")
    project = live_pcast.projects(round_id)[0]
    live_pcast.assign(project["id"])
    live_pcast.unit.ok("POST", f"/api/v1/projects/{project['id']}/progress",
                       json={"month": "2027-01", "percent": 60, "content": "主体施工。"})
    live_pcast.deputy(1).ok("POST", f"/api/v1/projects/{project['id']}/comments", 201,
                            headers=live_pcast.key(), json={"content": "请注意施工安全。"})
    phone = viewport is PHONE
    page = new_page(viewport, is_mobile=phone, has_touch=phone)
    admin_login(page, live_server, "unit1")
    page.goto(f"{live_server}/admin/unit-projects")
    page.click(f"#project-{project['id']} a")
    expect(page.locator("#project-title")).to_have_text(project["title"])

    form = page.locator("#progress-form")
    form.locator("input[name=month]").fill("2027-02")
    form.locator("input[name=percent]").fill("50")
    form.locator("textarea[name=content]").fill("雨季停工两周。")
    form.locator("button[type=submit]").click()
    expect(page.locator("#form-alert")).to_contain_text("须说明原因")
    assert form.locator("textarea[name=content]").input_value() == "雨季停工两周。"
    assert form.locator("input[name=percent]").input_value() == "50"
    assert no_overflow(page) <= 1
    screenshot(page, f"projects-unit-refused-{'phone' if phone else 'desktop'}")

    form.locator("textarea[name=reason]").fill("连续降雨，部分路段返工。")
    form.locator("button[type=submit]").click()
    expect(page.locator("#percent")).to_have_text("50%")
    expect(page.locator("#history .progress-entry").first).to_contain_text("连续降雨")

    comments = page.locator("#comments")
    comments.locator("textarea[name=content]").fill("已设专人巡查。")
    comments.locator("button[type=submit]").click()
    expect(page.locator("#comments .reply")).to_contain_text("已设专人巡查。")
    assert no_overflow(page) <= 1
    screenshot(page, f"projects-unit-page-{'phone' if phone else 'desktop'}")
