"""The livelihood-project round page in a real browser: live turnout while deputies vote,
closing the vote with the button, the results chart and the project board's progress
bars, on a desktop and on a phone."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, admin_login, screenshot
from tests.integration.projects_cast import live_pcast  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def no_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_vote_control_shows_live_turnout_and_the_board_its_progress(live_server, live_pcast,
                                                                     new_page):
    round_id, ids = live_pcast.round_in("voting")
    page = new_page(DESKTOP)
    admin_login(page, live_server, "office")
    page.goto(f"{live_server}/admin/projects/{round_id}")
    assert page.inner_text("#round-state") == "票决中"
    expect(page.locator("#turnout-ballots")).to_have_text("0")
    for deputy in range(3):
        live_pcast.vote(round_id, deputy, [ids[0], ids[1]])
    # The page polls every 5 s: the count arrives without a reload.
    expect(page.locator("#turnout-ballots")).to_have_text("3", timeout=15_000)
    assert page.inner_text("#turnout-rate") == "60.0%"
    screenshot(page, "projects-vote-control-desktop")

    page.click("#move-close-vote")
    page.wait_for_selector("#chart-results canvas")
    assert page.inner_text("#round-state") == "实施中"
    projects = live_pcast.projects(round_id)
    assert len(projects) == 2
    live_pcast.assign(projects[0]["id"])
    live_pcast.unit.ok("POST", f"/api/v1/projects/{projects[0]['id']}/progress",
                       json={"month": "2027-05", "percent": 70, "content": "主体完工。"})
    page.reload()
    bar = page.locator(f"#project-{projects[0]['id']} .progress-bar")
    width = bar.evaluate("b => b.getBoundingClientRect().width / b.parentElement."
                         "getBoundingClientRect().width")
    assert abs(width - 0.7) < 0.02
    screenshot(page, "projects-board-desktop")

    phone = new_page(PHONE, is_mobile=True, has_touch=True)
    admin_login(phone, live_server, "office")
    phone.goto(f"{live_server}/admin/projects/{round_id}")
    phone.wait_for_selector("#chart-results canvas")
    assert no_overflow(phone) <= 1
    screenshot(phone, "projects-board-phone")
