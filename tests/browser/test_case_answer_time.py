"""The office answers a case itself, and the answer time is read and changed on the case page
(issue 17 items 1 and 2), at 390 px and 1280 px."""
import re

import pytest

from functions.shared.moments import last_day_text
from tests.browser.cases_via_api import CaseMaker
from tests.browser.conftest import PHONE, admin_login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
SIZES = {"phone": dict(viewport=PHONE, is_mobile=True, has_touch=True), "desktop": {}}
LAST_DAY = re.compile(r"^\d{1,2}月\d{1,2}日（周[一二三四五六日]）前$")
# The rating period is 7 calendar days from the answer's moment: its time of day shows.
LAST_MOMENT = re.compile(r"^\d{1,2}月\d{1,2}日（周[一二三四五六日]）\d\d:\d\d前$")


@pytest.mark.parametrize("size", SIZES)
def test_the_office_writes_its_own_answer_on_the_case_page(live_server, seeded, api, new_page,
                                                           size):
    maker = CaseMaker(api, seeded)
    case_id = maker.submit("村口路灯不亮，已经一个月了。")
    maker.forward(case_id)
    page = new_page(**SIZES[size])
    admin_login(page, live_server, "office")
    page.goto(f"{live_server}/admin/cases/{case_id}")
    page.click("#action-answer > summary")
    page.fill("#action-answer textarea[name=content]", "经人大办协调，供电所已更换路灯。")
    screenshot(page, f"office-answer-form-{size}")
    page.click("#action-answer button[type=submit]")
    assert page.inner_text("#case-status") == "已办结答复"
    assert "人大办 办结答复" in page.inner_text("ol.timeline")
    assert page.locator("details.action").count() == 0  # nothing left for the office to do
    assert LAST_MOMENT.match(page.inner_text("dd.deadline-rate"))
    screenshot(page, f"office-answered-{size}")


@pytest.mark.parametrize("size", SIZES)
def test_the_unit_asks_for_more_days_and_the_office_grants_them(live_server, seeded, api,
                                                                new_page, size):
    maker = CaseMaker(api, seeded)
    case_id = maker.submit("南街排水沟堵塞，需要清淤。")
    maker.forward(case_id)
    office_api = api.as_staff("office")
    office_api.ok("POST", f"/api/v1/cases/{case_id}/assign",
                  json={"unit_id": "u-housing", "answer_working_days": 3})
    unit = new_page(**SIZES[size])
    admin_login(unit, live_server, "unit1")
    unit.goto(f"{live_server}/admin/cases/{case_id}")
    due = unit.inner_text("dd.deadline-answer")
    assert LAST_DAY.match(due) and "3 个工作日" in unit.inner_text("dl.facts")
    unit.click("#action-request_extension > summary")
    unit.fill("#action-request_extension input[name=working_days]", "5")
    unit.fill("#action-request_extension textarea[name=reason]", "需协调环卫所，清淤设备排队中")
    screenshot(unit, f"extension-request-{size}")
    unit.click("#action-request_extension button[type=submit]")
    assert "5 个工作日 · 待审批" in unit.inner_text("#extension-status")

    office = new_page(**SIZES[size])
    admin_login(office, live_server, "office")
    office.goto(f"{live_server}/admin/cases/{case_id}")
    assert "申请延长 5 个工作日：需协调环卫所" in office.inner_text("#extension-request")
    office.check("#action-decide_extension input[name=grant][value='1']")
    screenshot(office, f"extension-decision-{size}")
    office.click("#action-decide_extension button[type=submit]")
    assert "已同意" in office.inner_text("#extension-status")
    moved = office_api.ok("GET", f"/api/v1/cases/{case_id}")["case"]["deadlines"]["answer"]
    assert office.inner_text("dd.deadline-answer") == last_day_text(moved) != due
    assert "延期审批" in office.inner_text("ol.timeline")
    screenshot(office, f"extension-granted-{size}")
