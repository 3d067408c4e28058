"""The admin case page links to the case's own notification list for those who may read it
(admin and office: functions/notifications/log.py READERS); a unit's page has no link and
the list stays refused to it, on the admin page and over the API."""
import re

import pytest

from tests.case_fixtures import assert_error, cast  # noqa: F401 (a fixture)
from tests.integration.admin_helpers import admin_login

pytestmark = [pytest.mark.integration]
LINK = re.compile(r'<a href="([^"]+)" id="case-notifications-link">通知记录</a>')


def linked_cases(page: str) -> list[str]:
    """The case each row of a notification list page is about."""
    return re.findall(r'<a href="/admin/cases/([^"]+)">查看诉求</a>', page)


@pytest.mark.parametrize("reader", ["office", "admin"])
def test_a_reader_follows_the_case_pages_link_to_that_cases_notifications(app, cast, reader):
    case_id = cast.case_at("assigned")
    other_id = cast.submit()["id"]  # its own notices must not show in the first case's list
    expected = cast.office.ok("GET", f"/api/v1/staff/notifications?record_id={case_id}")
    assert expected["items"]  # the deputy's, the office's and the unit's notices
    staff = app.test_client()
    admin_login(staff, reader)
    page = staff.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    link = LINK.search(page)
    assert link and link.group(1) == f"/admin/notifications?record_id={case_id}"
    listed = staff.get(link.group(1))
    assert listed.status_code == 200
    assert linked_cases(listed.get_data(as_text=True)) == [case_id] * len(expected["items"])
    assert other_id not in listed.get_data(as_text=True)


def test_a_unit_has_no_link_and_its_case_notifications_stay_refused(app, cast):
    case_id = cast.case_at("assigned")
    unit = app.test_client()
    admin_login(unit, "unit1")
    page = unit.get(f"/admin/cases/{case_id}")
    assert page.status_code == 200  # the unit's own case: it sees the case itself
    assert "case-notifications-link" not in page.get_data(as_text=True)
    assert "/admin/notifications" not in page.get_data(as_text=True)
    assert unit.get(f"/admin/notifications?record_id={case_id}").status_code == 403
    assert_error(cast.unit.call("GET", f"/api/v1/staff/notifications?record_id={case_id}"),
                 403, "forbidden")
