"""全部诉求 on the admin page: the filters, links to each case, the filtered Excel (answer,
close date, each stage's deadline and on-time) and the printable 办理单."""
import io
from datetime import datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook

from functions.cases import case_workbook
from functions.shared import clock
from tests.case_fixtures import PASSWORD, cast  # noqa: F401
from tests.integration.admin_helpers import admin_login

pytestmark = pytest.mark.integration
MONDAY = datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc)  # 09:00 in Shanghai


def at(days=0, hours=0, cast=None):
    """The clock moved on; logins older than a token's life are made again."""
    clock.set_now(MONDAY + timedelta(days=days, hours=hours))
    for key in [k for k in (cast._callers if cast else ()) if k[0] in ("citizen", "staff")]:
        del cast._callers[key]


@pytest.fixture
def handled(cast):
    """A case closed after a late signing, and an open one of another category and deputy."""
    at()
    closed = cast.submit("wang", 0, contact_phone="13812345678")["id"]
    at(hours=1)
    for action in ("accept", "forward", "assign"):
        cast.step(closed, action)
    at(days=10, cast=cast)  # 3月12日: signing was due by the end of 3月9日
    cast.step(closed, "sign")
    at(days=11, cast=cast)
    cast.step(closed, "answer", body={"content": "=已更换路灯三盏。"})
    at(days=12, cast=cast)
    cast.step(closed, "rating", body={"rating": "satisfied", "comment": "很快"})
    at(days=12, hours=1, cast=cast)
    other = cast.case_at("forwarded", citizen="li", deputy=1, category="agriculture")
    at(days=13, cast=cast)
    return {"closed": closed, "other": other}


def page_of(app, username="office"):
    client = app.test_client()
    admin_login(client, username)
    return client


def test_the_page_filters_like_the_api_and_links_each_case(app, handled):
    client = page_of(app)
    everything = client.get("/admin/cases").get_data(as_text=True)
    assert "全部诉求" in everything and everything.index(handled["other"]) < \
        everything.index(handled["closed"])  # newest first
    for case_id in handled.values():
        assert f'href="/admin/cases/{case_id}"' in everything
    closed = client.get("/admin/cases?status=closed&category=city_construction")
    text = closed.get_data(as_text=True)
    assert handled["closed"] in text and handled["other"] not in text
    assert 'value="closed" selected' in text  # the chosen filters stay chosen
    assert "/admin/cases/export.xlsx?category=city_construction&amp;status=closed" in text
    dated = client.get("/admin/cases?from=2026-03-14&to=2026-03-14").get_data(as_text=True)
    assert handled["other"] in dated and handled["closed"] not in dated


def test_paging_keeps_the_filters(app, handled, cast):
    more = [cast.case_at("forwarded", citizen=f"p{n}", deputy=1) for n in range(2)]
    client = page_of(app)
    first = client.get("/admin/cases?status=forwarded&limit=2").get_data(as_text=True)
    assert more[1] in first and more[0] in first and handled["other"] not in first
    link = first.split('id="next-page" href="')[1].split('"')[0].replace("&amp;", "&")
    assert "status=forwarded" in link
    second = client.get(link).get_data(as_text=True)
    assert handled["other"] in second and more[0] not in second


def test_a_bad_filter_is_named_in_chinese_and_the_form_kept(app, handled):
    client = page_of(app)
    response = client.get("/admin/cases?from=2026-03-20&to=2026-03-01&status=closed")
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "结束日期：不能早于开始日期" in text
    assert 'value="2026-03-20"' in text and 'value="closed" selected' in text
    assert handled["closed"] not in text


def test_units_may_not_open_the_page_or_its_export(app, handled):
    client = page_of(app, "unit1")
    assert client.get("/admin/cases").status_code == 403
    assert client.get("/admin/cases/export.xlsx").status_code == 403


def test_the_export_holds_the_filtered_cases_with_answer_close_date_and_stage_times(app, handled):
    client = page_of(app, "admin")
    response = client.get("/admin/cases/export.xlsx?category=city_construction")
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    header, row = rows[0], dict(zip(rows[0], rows[1]))
    assert len(rows) == 2 and response.headers["X-Rows"] == "1"
    assert row["编号"] == handled["closed"] and row["状态"] == "已办结"
    assert row["答复内容"] == "'=已更换路灯三盏。"  # no formula runs when the file opens
    assert row["答复时间"] == "2026-03-13 09:00" and row["办结时间"] == "2026-03-14 09:00"
    assert row["评价"] == "满意"
    # each stage's deadline as its last day, the one way the pages write it, with the year
    assert (row["受理期限"], row["受理是否按时"]) == ("2026年3月5日（周四）前", "按时")
    assert (row["交办期限"], row["交办是否按时"]) == ("2026年3月5日（周四）前", "按时")
    assert (row["签收期限"], row["签收是否按时"]) == ("2026年3月9日（周一）前", "逾期")
    assert (row["办结答复期限"], row["办结答复是否按时"]) == ("2026年3月30日（周一）前", "按时")
    assert row["答复咨询期限"] is None and "13812345678" not in str(rows)
    assert "交办是否按时" in header


def test_the_reports_page_export_writes_the_same_sheet_for_its_period(app, handled):
    client = page_of(app)
    by_period = client.get("/admin/export/cases.xlsx?start=2026-03-02&end=2026-03-02")
    rows = list(load_workbook(io.BytesIO(by_period.data)).active.iter_rows(values_only=True))
    filtered = client.get("/admin/cases/export.xlsx?category=city_construction")
    same = list(load_workbook(io.BytesIO(filtered.data)).active.iter_rows(values_only=True))
    assert rows == same and by_period.headers["X-Rows"] == "1"
    row = dict(zip(rows[0], rows[1]))
    assert row["办结时间"] == "2026-03-14 09:00" and row["签收是否按时"] == "逾期"
    assert (row["逾期"], row["退回重办次数"]) == ("否", 0)


def test_the_export_says_when_it_stopped_at_its_limit(app, handled, monkeypatch):
    monkeypatch.setattr(case_workbook, "MAX_ROWS", 1)
    response = page_of(app).get("/admin/cases/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[1][0] == handled["other"]
    assert rows[2][0].startswith("仅导出前 1 条") and response.headers["X-Rows-Left-Out"] == "1"


def test_the_case_sheet_prints_facts_stages_timeline_answer_and_rating(app, handled):
    office = page_of(app).get(f"/admin/cases/{handled['closed']}/sheet")
    text = office.get_data(as_text=True)
    assert office.status_code == 200 and "群众诉求办理单" in text and "@media print" in text
    assert "13812345678" in text  # the office keeps the paper file with the contact
    assert "3月9日（周一）前" in text and "3月30日（周一）前" in text
    assert text.count('<td class="late">逾期</td>') == 1  # the signing, three days late
    assert "=已更换路灯三盏。" in text and "满意：很快" in text
    for action in ("提交诉求", "受理", "转交人大办", "交办", "签收", "办结答复", "评价"):
        assert action in text
    unit = page_of(app, "unit1").get(f"/admin/cases/{handled['closed']}/sheet")
    assert unit.status_code == 200 and "13812345678" not in unit.get_data(as_text=True)
    admin = page_of(app, "admin").get(f"/admin/cases/{handled['closed']}/sheet")
    assert admin.status_code == 200 and "13812345678" not in admin.get_data(as_text=True)


def test_the_case_sheet_is_refused_to_other_units_and_regions(app, handled, cast):
    from functions.identity import staff_accounts
    from functions.org import regions
    cast.other_unit("u-transport")
    regions.create_region(region_id="east", name="东区")
    staff_accounts.create_account(username="office_east", password=PASSWORD, role="office",
                                  region_id="east")
    for username in ("staff_u_transport", "office_east"):
        client = app.test_client()
        client.post("/admin/login", data={"username": username, "password": PASSWORD,
                                          "csrf_token": _token(client)})
        assert client.get(f"/admin/cases/{handled['closed']}/sheet").status_code == 403


def _token(client):
    from tests.integration.admin_helpers import csrf_of
    return csrf_of(client.get("/admin/login").get_data(as_text=True))
