"""The admin queue pages: each of the office's rows says in Chinese why it is there; a
unit's page has 待签收 / 办理中 / 已办结 tabs."""
import re

import pytest

from tests.case_fixtures import cast  # noqa: F401
from tests.integration.admin_helpers import admin_login

pytestmark = pytest.mark.integration


def reason_badges(html: str) -> dict[str, str]:
    """{case id: the reason badge's words} of a queue page."""
    return dict(re.findall(r'/admin/cases/([\w-]+)">[^<]*</a></td>\s*<td data-label="类别">'
                           r'.*?<span class="badge reason reason-\w+">([^<]+)</span>', html,
                           re.S))


def test_the_office_page_names_why_each_case_waits(app, cast):
    forwarded = cast.case_at("forwarded")
    returned = cast.case_at("assigned")
    cast.unit.ok("POST", f"/api/v1/cases/{returned}/return", json={"reason": "非本单位职责"})
    unsatisfied = cast.case_at("replied")
    cast.citizen().ok("POST", f"/api/v1/cases/{unsatisfied}/rating",
                      json={"rating": "unsatisfied"})
    office = app.test_client()
    admin_login(office, "office")
    html = office.get("/admin/queue").get_data(as_text=True)
    assert reason_badges(html) == {forwarded: "代表转来", returned: "单位退回",
                                   unsatisfied: "群众不满意"}


def test_a_units_page_has_its_three_tabs(app, cast):
    waiting, handling, answered = (cast.case_at(s) for s in ("assigned", "in_progress",
                                                              "answered"))
    unit = app.test_client()
    admin_login(unit, "unit1")
    page = unit.get("/admin/queue").get_data(as_text=True)
    assert re.findall(r'<a href="/admin/queue\?tab=(\w+)"[^>]*>([^<]+)</a>', page) == [
        ("assigned", "待签收"), ("in_progress", "办理中"), ("done", "已办结")]
    for tab, shown, hidden in (("assigned", waiting, handling), ("in_progress", handling,
                                                                 answered),
                               ("done", answered, waiting)):
        html = unit.get(f"/admin/queue?tab={tab}").get_data(as_text=True)
        assert f"/admin/cases/{shown}" in html and f"/admin/cases/{hidden}" not in html, tab
        assert f'href="/admin/queue?tab={tab}" class="on"' in html
    assert "新交办" in unit.get("/admin/queue?tab=assigned").get_data(as_text=True)
