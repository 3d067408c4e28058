"""The duty admin pages and the public H5 archive, through the Flask test client."""
import io

import pytest
from openpyxl import load_workbook

from tests.case_fixtures import cast  # noqa: F401
from tests.integration.admin_helpers import admin_login
from tests.integration.duty_fixtures import enter, fixed_clock, report  # noqa: F401

pytestmark = pytest.mark.integration


@pytest.fixture
def office_page(cast, app):
    browser = app.test_client()
    return browser, admin_login(browser, "office")


def test_the_review_page_verifies_and_rejects(cast, office_page):
    browser, token = office_page
    first, second = report(cast.deputy()), report(cast.deputy(1), title="走访河西乡农户")
    html = browser.get("/admin/duty/review").get_data(as_text=True)
    assert "调研城关镇老旧小区改造" in html and "走访河西乡农户" in html
    assert browser.post(f"/admin/duty/records/{first['id']}/verify",
                        data={"csrf_token": token}).status_code == 302
    browser.post(f"/admin/duty/records/{second['id']}/reject",
                 data={"csrf_token": token, "reason": "请补充照片"})
    assert "没有待审核的履职记录" in browser.get("/admin/duty/review").get_data(as_text=True)
    again = browser.post(f"/admin/duty/records/{first['id']}/verify",
                         data={"csrf_token": token}, follow_redirects=True)
    assert "审核" in again.get_data(as_text=True)  # back on the page with a message
    assert cast.deputy(1).ok("GET", "/api/v1/deputy/duty-records")["items"][0]["reason"] == \
        "请补充照片"


def test_the_ranking_page_and_its_excel_export(cast, office_page):
    browser, _ = office_page
    enter(cast.office, cast.deputy_id(1), kind="meeting")
    html = browser.get("/admin/duty/ranking?year=2026").get_data(as_text=True)
    assert "李秀英" in html
    sheet = browser.get("/admin/duty/ranking.xlsx?year=2026")
    rows = list(load_workbook(io.BytesIO(sheet.data)).active.values)
    assert rows[0][:2] == ("名次", "代表") and rows[1][:2] == (1, "李秀英") and rows[1][5] == 2


def test_the_printable_archive_and_its_excel_show_everything_to_the_office(cast, office_page):
    browser, _ = office_page
    pending = report(cast.deputy(), title="=HYPERLINK(\"x\")")
    page = browser.get(f"/admin/duty/deputies/{cast.deputy_id()}?year=2026")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "13800000001" in html and "@page" in html
    assert "待审核" in html
    rows = list(load_workbook(io.BytesIO(browser.get(
        f"/admin/duty/deputies/{cast.deputy_id()}.xlsx?year=2026").data)).active.values)
    assert rows[1][2] == "'" + pending["title"]  # a formula stays text


def test_the_public_h5_archive_hides_the_phone_and_pending_records(cast, client):
    enter(cast.office, cast.deputy_id(), title="出席县人代会", kind="meeting")
    report(cast.deputy(), title="尚未核实的调研")
    html = client.get(f"/h5/deputies/{cast.deputy_id()}?year=2026").get_data(as_text=True)
    assert "张建国代表" in html and "出席县人代会" in html
    assert "尚未核实的调研" not in html and "13800000001" not in html
    assert client.get("/h5/deputies/nobody").status_code == 404


def test_rules_page_changes_points_for_later_verifications_only(cast, office_page):
    browser, token = office_page
    early = enter(cast.office, cast.deputy_id(), kind="meeting")
    form = {"csrf_token": token, "meeting": "4", "inspection": "3", "suggestion": "5",
            "suggestion_cosigner": "2", "voter_contact": "1", "group_activity": "2",
            "term_start": "2022-01-01"}
    assert browser.post("/admin/duty/rules", data=dict(form, meeting="x")).status_code == 400
    assert browser.post("/admin/duty/rules", data=form).status_code == 302
    later = enter(cast.office, cast.deputy_id(), kind="meeting")
    assert (early["points"], later["points"]) == (2, 4)
    mine = cast.deputy().ok("GET", "/api/v1/deputy/duty-records")
    assert mine["totals"]["points"] == 6


def test_the_activity_pages_publish_and_show_the_check_in_qr(cast, office_page):
    browser, token = office_page
    html = browser.get("/admin/duty/activities").get_data(as_text=True)
    key = html.split('name="idempotency_key" value="')[1].split('"')[0]
    made = browser.post("/admin/duty/activities", data={
        "csrf_token": token, "idempotency_key": key, "kind": "group_activity",
        "title": "代表小组集中活动", "place": "城关镇联络站", "starts_at": "2026-06-20T09:00",
        "ends_at": "2026-06-20T11:30", "capacity": "20"})
    assert made.status_code == 302
    detail = browser.get(made.headers["Location"]).get_data(as_text=True)
    assert "代表小组集中活动" in detail and "签到二维码" in detail
    listed = cast.deputy().ok("GET", "/api/v1/activities")["items"][0]
    assert listed["starts_at"] == "2026-06-20T01:00:00Z"  # 09:00 in Shanghai
    qr = browser.get(made.headers["Location"] + "/qr.png")
    assert qr.status_code == 200 and qr.data[:4] == b"\x89PNG"


def test_the_term_archive_page_lists_points_year_by_year(cast, office_page, client):
    browser, _ = office_page
    enter(cast.office, cast.deputy_id(), date="2025-03-01", kind="meeting")
    enter(cast.office, cast.deputy_id(), date="2026-05-01")
    html = browser.get(f"/admin/duty/deputies/{cast.deputy_id()}?year=term").get_data(
        as_text=True)
    assert "本届，自 2022-01-01 起" in html and "分年度积分" in html and "2025" in html
    assert browser.get(f"/admin/duty/deputies/{cast.deputy_id()}.xlsx?year=term").status_code \
        == 200
    public = client.get(f"/h5/deputies/{cast.deputy_id()}?year=term").get_data(as_text=True)
    assert "2025 年 2 分" in public and "5</strong> 分" in public


def test_the_ranking_page_filters_by_group_and_level(cast, office_page):
    browser, _ = office_page
    enter(cast.office, cast.deputy_id(1), kind="meeting")
    enter(cast.office, cast.deputy_id(2), kind="meeting")
    html = browser.get("/admin/duty/ranking?year=2026&group=城关镇代表小组").get_data(
        as_text=True)
    assert "王德明" in html and "李秀英" not in html
    sheet = browser.get("/admin/duty/ranking.xlsx?year=2026&level=county")
    names = [row[1] for row in load_workbook(io.BytesIO(sheet.data)).active.values][1:]
    assert names == ["李秀英"]


def test_the_office_enters_a_record_from_the_archive_page_once(cast, office_page):
    browser, token = office_page
    page = browser.get(f"/admin/duty/deputies/{cast.deputy_id()}?year=2026").get_data(
        as_text=True)
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    form = {"csrf_token": token, "idempotency_key": key, "kind": "meeting",
            "title": "出席县人大常委会会议", "date": "2026-06-12", "place": "县人大"}
    for _ in range(2):  # a double submit
        assert browser.post(f"/admin/duty/deputies/{cast.deputy_id()}/records",
                            data=form).status_code == 302
    bad = browser.post(f"/admin/duty/deputies/{cast.deputy_id()}/records",
                       data=dict(form, idempotency_key="k2", date="2030-01-01"),
                       follow_redirects=True)
    assert "未录入，请检查：日期" in bad.get_data(as_text=True)
    mine = cast.deputy().ok("GET", "/api/v1/deputy/duty-records")
    assert [r["title"] for r in mine["items"]] == ["出席县人大常委会会议"]
    assert mine["totals"]["points"] == 2
