"""Case actions through the admin forms: photos on progress, a return to the office."""
import io

import pytest
from PIL import Image

from functions.shared import clock
from functions.cases import handling
from functions.identity import staff_accounts
from tests.integration.admin_helpers import admin_login

pytestmark = [pytest.mark.integration]
OFFICE = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}


def photo() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 120, 200)).save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


def station_case(client, seeded) -> str:
    """A case through a station code, already assigned to the housing unit by the office."""
    from functions.org import stations
    code = stations.add_station(actor=OFFICE, name="城关镇代表联络站")["entry_code"]
    token = client.post("/api/v1/auth/wechat", json={"code": "forms"}).get_json()["token"]
    case = client.post("/api/v1/cases", headers={"Authorization": f"Bearer {token}",
                                                 "Idempotency-Key": "forms-1"}, json={
        "entry_code": code, "category": "city_construction", "type": "request",
        "content": "桥面有坑"}).get_json()["case"]
    for action, body in (("accept", {}), ("forward", {}), ("assign", {"unit_id": "u-housing"})):
        handling.act(case_id=case["id"], action=action, actor=OFFICE, now=clock.now(),
                     body=body)
    return case["id"]


def test_the_unit_posts_progress_with_photos_then_returns_the_case(app, seeded):
    unit = app.test_client()
    case_id = station_case(app.test_client(), seeded)
    token = admin_login(unit, "unit1")
    form = {"csrf_token": token, "back": f"/admin/cases/{case_id}"}
    assert unit.post(f"/admin/cases/{case_id}/act", data={**form, "action": "sign"}) \
        .status_code == 302
    unit.post(f"/admin/cases/{case_id}/act", content_type="multipart/form-data", data={
        **form, "action": "progress", "content": "已派人查看",
        "photos": [(photo(), "a.jpg"), (photo(), "b.jpg")]})
    case = handling.get_case(case_id=case_id, actor=OFFICE, now=clock.now())
    assert case["timeline"][-1]["action"] == "progress"
    assert len(case["timeline"][-1]["photos"]) == 2
    page = unit.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    assert page.count('alt="照片"') == 2
    refused = unit.post(f"/admin/cases/{case_id}/act", data={**form, "action": "return"})
    assert refused.status_code == 400  # no reason: the case again, the problem named
    assert "填写有误：理由：必填" in refused.get_data(as_text=True)
    unit.post(f"/admin/cases/{case_id}/act", data={**form, "action": "return",
                                                   "reason": "不属于本单位职责"})
    assert unit.get(f"/admin/cases/{case_id}").status_code == 403  # no longer the unit's


def test_the_case_page_names_the_lead_unit_and_every_co_unit(app, seeded):
    case_id = station_case(app.test_client(), seeded)
    handling.act(case_id=case_id, action="return", actor={
        "kind": "staff", "username": "unit1", "role": "unit", "region_id": "demo",
        "unit_id": "u-housing"}, now=clock.now(), body={"reason": "需多部门协办"})
    handling.act(case_id=case_id, action="assign", actor=OFFICE, now=clock.now(), body={
        "unit_id": "u-housing", "co_unit_ids": ["u-transport", "u-agriculture"]})
    office = app.test_client()
    admin_login(office, "office")
    html = office.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    assert '<dd id="lead-unit">示例县住建局</dd>' in html
    assert '<dd id="co-units">示例县交通运输局、示例县农业农村局</dd>' in html
    co_unit = app.test_client()
    staff_accounts.create_account(username="transport1", password="demo12345", role="unit",
                                  region_id="demo", unit_id="u-transport")
    admin_login(co_unit, "transport1")
    queue = co_unit.get("/admin/queue").get_data(as_text=True)
    assert f"/admin/cases/{case_id}" in queue and '<span class="badge">协办</span>' in queue
def test_the_office_releases_a_held_case_from_the_admin_page(app, seeded):
    """The page offers 审核通过 on a held case; the route takes it like the API does."""
    citizen = app.test_client()
    token = citizen.post("/api/v1/auth/wechat", json={"code": "held"}).get_json()["token"]
    case = citizen.post("/api/v1/cases", headers={"Authorization": f"Bearer {token}",
                                                  "Idempotency-Key": "held-1"}, json={
        "entry_code": seeded["deputies"][0]["entry_code"], "category": "other",
        "type": "request", "content": "有人在村里聚众赌博，希望管一管"}).get_json()["case"]
    office = app.test_client()
    csrf = admin_login(office, "office")
    assert "action-release" in office.get(f"/admin/cases/{case['id']}").get_data(as_text=True)
    assert office.post(f"/admin/cases/{case['id']}/act", data={
        "csrf_token": csrf, "back": f"/admin/cases/{case['id']}", "action": "release"}) \
        .status_code == 302
    assert handling.get_case(case_id=case["id"], actor=OFFICE, now=clock.now())[
        "held_for_review"] is False


def test_photos_are_stored_only_once_the_unit_may_post_on_that_case(app, seeded, store):
    import os
    unit = app.test_client()
    case_id = station_case(app.test_client(), seeded)  # assigned, not yet signed for
    token = admin_login(unit, "unit1")
    form = {"csrf_token": token, "back": f"/admin/cases/{case_id}"}
    unit.post(f"/admin/cases/{case_id}/act", content_type="multipart/form-data", data={
        **form, "action": "progress", "content": "还没签收就上传", "photos": [(photo(), "a.jpg")]})
    stored = os.path.join(store.upload_dir, "objects", "uploads")
    assert not os.path.isdir(stored) or os.listdir(stored) == []
    assert len(handling.get_case(case_id=case_id, actor=OFFICE, now=clock.now())
               ["timeline"]) == 4


def test_a_progress_form_posted_twice_is_one_entry_with_the_first_posts_photos(app, seeded):
    import re
    unit = app.test_client()
    case_id = station_case(app.test_client(), seeded)
    token = admin_login(unit, "unit1")
    form = {"csrf_token": token, "back": f"/admin/cases/{case_id}"}
    unit.post(f"/admin/cases/{case_id}/act", data={**form, "action": "sign"})
    page = unit.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    key = re.search(r'name="idempotency_key" value="([^"]+-progress)"', page).group(1)
    sent = [unit.post(f"/admin/cases/{case_id}/act", content_type="multipart/form-data", data={
        **form, "action": "progress", "content": "已派人查看", "idempotency_key": key,
        "photos": [(photo(), "a.jpg")]}) for _ in range(2)]
    assert [r.status_code for r in sent] == [302, 302]
    case = handling.get_case(case_id=case_id, actor=OFFICE, now=clock.now())
    entries = [e for e in case["timeline"] if e["action"] == "progress"]
    assert len(entries) == 1 and len(entries[0]["photos"]) == 1
    other = unit.post(f"/admin/cases/{case_id}/act", data={
        **form, "action": "progress", "content": "另一条进展", "idempotency_key": key})
    assert other.status_code == 409 and "这张表单已提交过" in other.get_data(as_text=True)
    fresh = unit.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    assert key not in fresh  # each render: a new key
