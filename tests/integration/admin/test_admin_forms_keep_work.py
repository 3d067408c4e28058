"""A refused admin form comes back as typed, each problem named in Chinese; the case page
offers the usual action first and folds 不予受理; one naming of codes on every page."""
import io

import pytest
from openpyxl import load_workbook

from functions.shared import clock
from functions.cases import handling
from functions.org import stations
from tests.h5_client import case_id_of, code, h5, text  # noqa: F401 (fixtures)
from tests.integration.admin_helpers import admin_login

pytestmark = [pytest.mark.integration]
OFFICE = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}


def forwarded_case(client) -> tuple[str, str]:
    """A case through a station code, forwarded to the office; (case id, citizen token)."""
    code = stations.add_station(actor=OFFICE, name="城关镇代表联络站")["entry_code"]
    token = client.post("/api/v1/auth/wechat", json={"code": "keep"}).get_json()["token"]
    case = client.post("/api/v1/cases", headers={"Authorization": f"Bearer {token}",
                                                 "Idempotency-Key": "keep-1"}, json={
        "entry_code": code, "category": "city_construction", "type": "request",
        "content": "路灯不亮"}).get_json()["case"]
    for action in ("accept", "forward"):
        handling.act(case_id=case["id"], action=action, actor=OFFICE, now=clock.now(), body={})
    return case["id"], token


def test_a_refused_assignment_keeps_the_units_and_note_and_says_why(client, seeded):
    case_id, _ = forwarded_case(client)
    token = admin_login(client, "office")
    page = client.post(f"/admin/cases/{case_id}/act", data={
        "csrf_token": token, "action": "assign", "unit_id": "u-housing",
        "co_unit_ids": ["u-housing", "u-transport"], "note": "请三日内现场查看"})
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "协办单位：最多 5 个，且不能包含主办单位" in html
    assert "请三日内现场查看</textarea>" in html
    assert '<option value="u-housing" selected>' in html
    assert 'value="u-transport" checked' in html
    assert 'id="action-assign" open' in html


def test_the_case_page_puts_assign_first_and_folds_the_red_refusal(client, seeded):
    case_id, _ = forwarded_case(client)
    admin_login(client, "office")
    html = client.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    assign, reject = html.index('id="action-assign"'), html.index('id="action-reject"')
    assert assign < reject
    assert 'class="action folded danger-zone" id="action-reject" >' in html
    assert 'id="action-assign" open' in html
    assert "admin/assign.js" in html


def test_a_refused_unit_or_account_keeps_what_was_typed_but_never_the_password(client, seeded):
    token = admin_login(client, "admin")
    unit = client.post("/admin/units", data={"csrf_token": token, "name": "局" * 61})
    html = unit.get_data(as_text=True)
    assert unit.status_code == 400 and "单位名称：必填，最多 60 字" in html
    assert f'value="{"局" * 61}"' in html
    account = client.post("/admin/accounts", data={
        "csrf_token": token, "username": "clerk2", "password": "secret-pass-1",
        "role": "unit", "unit_id": "", "phone": "1380000"})
    html = account.get_data(as_text=True)
    assert account.status_code == 400
    assert "手机号：11 位手机号，以 1 开头" in html and "承办单位：角色为承办单位时必选" in html
    assert 'value="clerk2"' in html and 'value="1380000"' in html
    assert '<option value="unit" selected>' in html and "secret-pass-1" not in html


def test_admin_pages_h5_pages_and_the_export_name_a_type_the_same_way(app, h5, code):
    submitted = h5.submit(code, type="suggestion")
    case_id = case_id_of(submitted)
    assert "意见建议" in text(h5.get("/h5/mine"))
    office = app.test_client()
    admin_login(office, "office")
    assert "意见建议" in office.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    export = office.get("/admin/export/cases.xlsx")
    rows = list(load_workbook(io.BytesIO(export.data)).active.iter_rows(values_only=True))
    assert [r[3] for r in rows[1:]] == ["意见建议"]


def test_a_refused_deputy_form_names_each_field_and_what_it_expects(client, seeded):
    token = admin_login(client, "office")
    page = client.post("/admin/deputies/new", data={
        "csrf_token": token, "name": "", "phone": "138-0000", "level": "",
        "station": "城关镇", "group": "第三小组"})
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "姓名：必填" in html and "手机号：11 位手机号，以 1 开头" in html
    assert "层级：请选择" in html
    assert 'value="138-0000"' in html and 'value="城关镇"' in html and 'value="第三小组"' in html
