"""Reports and settings behind the admin page: case export by period, stations, settings,
accounts, and the dashboard rollup's words."""
import io
from datetime import date, datetime, timezone

import pytest
from openpyxl import load_workbook

from functions.cases import export as case_export
from functions.shared import clock
from functions.org import stations
from functions.reporting import word_stats
from functions.org.regions import get_region_item
from tests.integration.admin_helpers import admin_login

pytestmark = [pytest.mark.integration]
APRIL = datetime(2026, 4, 2, 1, 0, tzinfo=timezone.utc)
OFFICE = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}


def submit(client, entry_code, content, key, category="city_construction"):
    token = client.post("/api/v1/auth/wechat", json={"code": "report-citizen"}).get_json()
    response = client.post("/api/v1/cases", headers={
        "Authorization": f"Bearer {token['token']}", "Idempotency-Key": key}, json={
        "entry_code": entry_code, "category": category, "type": "request",
        "content": content, "contact_phone": "13812345678"})
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["case"]["id"]


def test_the_case_export_holds_the_period_only_without_phones(client, seeded):
    entry = seeded["deputies"][0]["entry_code"]
    # 2026-03-31 23:30 in Shanghai is still March; 2026-04-01 00:30 is April.
    for key, at, text in (("a", "2026-03-31T15:30:00Z", "=三月的诉求"),
                          ("b", "2026-03-31T16:30:00Z", "四月的诉求")):
        clock.set_now(datetime.fromisoformat(at.replace("Z", "+00:00")))
        submit(client, entry, text, key)
    clock.set_now(None)
    data, counted = case_export.export_bytes(actor=OFFICE, start=date(2026, 3, 1),
                                             end=date(2026, 3, 31), now=APRIL)
    assert counted == {"rows": 1, "left_out": False}
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == "2026-03-31 23:30" and rows[1][5] == "'=三月的诉求"
    assert rows[1][2] == "城市建设" and "13812345678" not in str(rows)
    admin_login(client, "office")
    page = client.get("/admin/export/cases.xlsx?start=2026-04-01&end=2026-04-30")
    april = list(load_workbook(io.BytesIO(page.data)).active.iter_rows(values_only=True))
    assert [r[5] for r in april[1:]] == ["四月的诉求"]
    assert client.get("/admin/export/cases.xlsx?start=2026-05-01&end=2026-04-01") \
        .status_code == 400


def test_a_station_code_brings_cases_to_the_office_queue(client, seeded):
    station = stations.add_station(actor=OFFICE, name="东山街道代表联络站")
    assert [s["name"] for s in stations.list_stations(actor=OFFICE)] == ["东山街道代表联络站"]
    case_id = submit(client, station["entry_code"], "街道路口需要红绿灯", "s1")
    token = admin_login(client, "office")
    queue = client.get("/admin/queue").get_data(as_text=True)
    assert f"/admin/cases/{case_id}" in queue
    png = client.get(f"/admin/stations/{station['entry_code']}/qr.png")
    assert png.status_code == 200 and png.data[:4] == b"\x89PNG"
    again = client.post("/admin/stations", data={"csrf_token": token,
                                                  "name": "东山街道代表联络站"})
    assert again.status_code == 409
    page = again.get_data(as_text=True)
    assert "已存在：联络站" in page and 'value="东山街道代表联络站"' in page
    assert len(stations.list_stations(actor=OFFICE)) == 1


def test_the_admin_sets_categories_and_time_limits(client, seeded):
    token = admin_login(client, "admin")
    form = {"csrf_token": token, "category_id": ["city_construction", ""],
            "category_name": ["城乡建设", "平安建设"], "deputy_accept_days": "2",
            "consultation_answer_hours": "24", "office_assign_days": "3",
            "unit_sign_days": "5", "unit_answer_days": "15", "rating_days": "7"}
    assert client.post("/admin/settings", data=form).status_code == 302
    region = get_region_item("demo")
    assert [c["name"] for c in region.categories] == ["城乡建设", "平安建设"]
    assert region.categories[0]["id"] == "city_construction"
    assert region.time_limits["unit_answer_days"] == 15
    refused = client.post("/admin/settings", data={
        **form, "unit_sign_days": "0", "category_name": ["城乡建设", "平安建设", "新类别"],
        "category_id": ["city_construction", "", ""]})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "签收时限：1–" in html
    assert 'value="新类别"' in html and 'name="unit_sign_days" type="number" min="1" value="0"' \
        in html  # the form as typed, not as stored


def test_the_admin_lists_creates_locks_and_resets_accounts(app, seeded):
    admin = app.test_client()
    token = admin_login(admin, "admin")
    listed = admin.get("/admin/accounts").get_data(as_text=True)
    assert "office" in listed and "unit1" in listed
    admin.post("/admin/accounts", data={"csrf_token": token, "username": "admin2",
                                        "password": "secret-pass", "role": "admin"})
    assert "admin2" in admin.get("/admin/accounts").get_data(as_text=True)
    admin.post("/admin/accounts/unit1/password", data={"csrf_token": token,
                                                       "password": "new-pass-123"})
    admin_login(app.test_client(), "unit1", "new-pass-123")


def test_frequent_words_count_each_case_once_and_skip_filler():
    words = word_stats.top_words(["路灯坏了路灯坏了", "东街的路灯晚上不亮了", "我们希望修路"])
    assert words[0] == {"word": "路灯", "count": 2}
    assert "我们" not in {w["word"] for w in words}


def test_every_account_of_the_region_is_listed_the_seeded_admin_included(seeded):
    from functions.identity import staff_directory
    admin = {"kind": "staff", "username": "admin", "role": "admin", "region_id": "demo"}
    names = [a["username"] for a in staff_directory.list_accounts(actor=admin)]
    assert names == ["admin", "office", "unit1"]
