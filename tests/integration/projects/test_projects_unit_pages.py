"""The lead unit's admin pages: its projects, the monthly progress form (photos too; a
refused form keeps what was typed) and replies to comments; others only read."""
import io
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from tests.case_fixtures import image_bytes
from tests.integration.admin_helpers import admin_login
from tests.integration.projects_cast import pcast  # noqa: F401

pytestmark = pytest.mark.integration


@pytest.fixture
def under_way(pcast):
    """A project assigned to unit1's unit (u-housing) and one to another unit."""
    clock.set_now(datetime(2026, 10, 9, 2, 0, tzinfo=timezone.utc))
    round_id, _ = pcast.round_in("in_progress")
    ours, theirs = (p["id"] for p in pcast.projects(round_id))
    pcast.assign(ours)
    pcast.assign(theirs, "u-transport")
    return ours, theirs


def html(response, status=200) -> str:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return response.get_data(as_text=True)


def test_the_lead_unit_lists_only_its_projects_and_reports_a_month_with_photos(
        pcast, app, under_way):
    ours, theirs = under_way
    browser = app.test_client()
    token = admin_login(browser, "unit1")
    listing = html(browser.get("/admin/unit-projects"))
    assert f"project-{ours}" in listing and f"project-{theirs}" not in listing
    page = html(browser.get(f"/admin/project/{ours}"))
    assert 'id="progress-form"' in page and 'value="2026-10"' in page  # this month
    posted = browser.post(f"/admin/project/{ours}/progress", data={
        "csrf_token": token, "month": "2026-10", "percent": "40", "content": "完成设计招标。",
        "photos": [(io.BytesIO(image_bytes()), "site.jpg")]},
        content_type="multipart/form-data")
    assert posted.status_code == 302
    project = pcast.office.ok("GET", f"/api/v1/projects/{ours}")["project"]
    entry = project["progress"][-1]
    assert (project["percent"], entry["month"], len(entry["photos"])) == (40, "2026-10", 1)
    assert 'alt="进展照片1"' in html(browser.get(f"/admin/project/{ours}"))


def test_a_refused_report_comes_back_as_typed_with_the_problem_in_chinese(
        pcast, app, under_way):
    ours, _ = under_way
    browser = app.test_client()
    token = admin_login(browser, "unit1")
    browser.post(f"/admin/project/{ours}/progress", data={
        "csrf_token": token, "month": "2026-10", "percent": "60", "content": "主体施工。"})
    refused = html(browser.post(f"/admin/project/{ours}/progress", data={
        "csrf_token": token, "month": "2026-11", "percent": "50", "content": "雨季停工两周。"}),
        400)
    assert "雨季停工两周。" in refused and 'value="2026-11"' in refused
    assert 'value="50"' in refused and "进度从 60% 回调到 50%，须说明原因" in refused
    assert pcast.office.ok("GET", f"/api/v1/projects/{ours}")["project"]["percent"] == 60


def test_the_lead_unit_answers_a_comment_once_and_other_staff_only_read(
        pcast, app, under_way):
    ours, theirs = under_way
    comment = pcast.deputy(1).ok("POST", f"/api/v1/projects/{ours}/comments", 201,
                                 headers=pcast.key(), json={"content": "请注意施工安全。"})
    browser = app.test_client()
    token = admin_login(browser, "unit1")
    path = f"/admin/project/{ours}/comments/{comment['comment']['id']}/reply"
    empty = html(browser.post(path, data={"csrf_token": token, "content": " "}), 400)
    assert 'id="form-alert"' in empty
    assert browser.post(path, data={"csrf_token": token, "content": "已设专人巡查。"}) \
        .status_code == 302
    page = html(browser.get(f"/admin/project/{ours}"))
    assert "已设专人巡查。" in page and path not in page  # answered: no second form
    # Another unit's project: refused (flashed, as every refused POST of these pages).
    browser.post(f"/admin/project/{theirs}/progress", data={
        "csrf_token": token, "month": "2026-10", "percent": "10", "content": "越权"})
    assert "没有权限" in html(browser.get("/admin/unit-projects"))
    assert pcast.office.ok("GET", f"/api/v1/projects/{theirs}")["project"]["progress"] == []
    office = app.test_client()
    admin_login(office, "office")
    read = html(office.get(f"/admin/project/{ours}"))
    assert "已设专人巡查。" in read and 'id="progress-form"' not in read
    assert office.get("/admin/unit-projects").status_code == 403


@pytest.mark.parametrize("field, value, problem", [
    ("percent", "七十", "完成进度：0–100 之间的整数"), ("percent", "101", "完成进度：0–100 之间的整数"),
    ("month", "2026/10", "月份：年月，如 2027-05"), ("content", "", "进展情况：必填"),
])
def test_malformed_reports_are_refused_in_chinese_never_with_a_500(
        pcast, app, under_way, field, value, problem):
    ours, _ = under_way
    browser = app.test_client()
    token = admin_login(browser, "unit1")
    form = {"csrf_token": token, "month": "2026-10", "percent": "30", "content": "施工中。",
            field: value}
    refused = html(browser.post(f"/admin/project/{ours}/progress", data=form), 400)
    assert problem in refused


def test_a_file_that_is_no_photo_is_refused_and_nothing_is_reported(pcast, app, under_way):
    ours, _ = under_way
    browser = app.test_client()
    token = admin_login(browser, "unit1")
    refused = html(browser.post(f"/admin/project/{ours}/progress", data={
        "csrf_token": token, "month": "2026-10", "percent": "30", "content": "施工中。",
        "photos": [(io.BytesIO(b"not an image"), "x.jpg")]},
        content_type="multipart/form-data"), 400)
    assert "照片" in refused and "施工中。" in refused
    assert pcast.office.ok("GET", f"/api/v1/projects/{ours}")["project"]["progress"] == []
