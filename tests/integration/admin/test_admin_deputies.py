"""Deputy management behind the admin page: edits under a version, bind codes, Excel."""
import io

import pytest
from openpyxl import Workbook, load_workbook

from functions.deputies import admin as deputy_admin, sheet_import as deputy_import
from functions.shared.errors import Conflict
from functions.storage import keys
from functions.storage.models import BindCodeItem, EntryItem
from tests.integration.admin_helpers import admin_login

pytestmark = [pytest.mark.integration]
OFFICE = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}


def xlsx(rows, header=("姓名", "手机号", "层级", "联络站", "代表小组")) -> bytes:
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_edit_moves_the_entry_card_and_a_stale_form_is_refused(seeded):
    deputy = seeded["deputies"][0]
    item = deputy_admin.get_deputy(actor=OFFICE, deputy_id=deputy["id"])
    deputy_admin.edit_deputy(actor=OFFICE, deputy_id=deputy["id"], version=item.version, body={
        "name": "张建军", "phone": "13800000009", "level": "city", "station": "东山街道联络站"})
    card = EntryItem.get(keys.entry_pk(deputy["entry_code"]), keys.META).card
    assert card["name"] == "张建军" and card["level"] == "city"
    names = [d["name"] for d in deputy_admin.list_deputies(actor=OFFICE, name="张")["items"]]
    assert names == ["张建军"]
    with pytest.raises(Conflict):
        deputy_admin.set_active(actor=OFFICE, deputy_id=deputy["id"], active=False,
                                version=item.version)


def test_a_new_bind_code_revokes_the_old_one(seeded):
    deputy = seeded["deputies"][1]
    code = deputy_admin.new_bind_code(actor=OFFICE, deputy_id=deputy["id"])
    assert code != deputy["bind_code"]
    assert BindCodeItem.get(keys.bind_pk(code), keys.META).deputy_id == deputy["id"]
    assert BindCodeItem.count(keys.bind_pk(deputy["bind_code"])) == 0
    assert deputy_admin.get_deputy(actor=OFFICE, deputy_id=deputy["id"]).bind_code == code


def test_the_import_report_names_duplicates_missing_cells_and_unknown_levels(seeded):
    result = deputy_import.import_deputies(actor=OFFICE, data=xlsx([
        ["赵一", "13900000001", "县级", "", ""], ["", "13900000001", "大队级", "", ""]]))
    assert result["created"] == []
    assert {(p["row"], p["field"], p["problem"]) for p in result["problems"]} == {
        (3, "name", "required"), (3, "level", "invalid"), (3, "phone", "duplicate")}
    missing = deputy_import.import_deputies(actor=OFFICE, data=xlsx([], header=("姓名", "层级")))
    assert [p["field"] for p in missing["problems"]] == ["phone"]
    assert len(deputy_admin.all_deputies(actor=OFFICE)) == 3


def test_the_import_page_refuses_a_file_that_is_not_a_sheet(client, seeded):
    token = admin_login(client, "office")
    response = client.post("/admin/deputies/import", data={
        "csrf_token": token, "file": (io.BytesIO(b"name,phone\n"), "deputies.csv")})
    assert response.status_code == 400 and "无法读取" in response.get_data(as_text=True)


def test_the_excel_export_keeps_formulas_as_text(client, seeded):
    token = admin_login(client, "office")
    client.post("/admin/deputies/new", data={
        "csrf_token": token, "name": "=HYPERLINK(\"x\")", "phone": "13900000005",
        "level": "county", "station": "@SUM(A1)", "group": "-1+2"})
    book = load_workbook(io.BytesIO(client.get("/admin/deputies/export.xlsx").data))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("姓名", "手机号", "层级")
    risky = next(r for r in rows if "HYPERLINK" in str(r[0]))
    assert risky[0] == "'=HYPERLINK(\"x\")" and risky[3] == "'@SUM(A1)" and risky[4] == "'-1+2"
    assert all(cell.data_type != "f" for row in book.active.iter_rows() for cell in row)


def test_the_list_filters_by_level_and_station(seeded):
    townships = deputy_admin.list_deputies(actor=OFFICE, level="township")["items"]
    assert [d["name"] for d in townships] == ["王德明"]
    hexi = deputy_admin.list_deputies(actor=OFFICE, station="河西乡代表联络站")["items"]
    assert [d["name"] for d in hexi] == ["李秀英"]


def test_a_deactivated_deputys_code_takes_no_new_cases_until_reactivated(client, seeded):
    deputy = seeded["deputies"][2]
    deputy_admin.set_active(actor=OFFICE, deputy_id=deputy["id"], active=False)
    opened = client.get(f"/api/v1/entry/{deputy['entry_code']}")
    assert opened.status_code == 404 and opened.get_json()["error"]["code"] == "not_found"
    token = client.post("/api/v1/auth/wechat", json={"code": "poster"}).get_json()["token"]
    submit = client.post("/api/v1/cases", headers={"Authorization": f"Bearer {token}",
                                                   "Idempotency-Key": "old-poster"}, json={
        "entry_code": deputy["entry_code"], "category": "other", "type": "request",
        "content": "按旧海报扫码提交"})
    assert submit.status_code == 404
    deputy_admin.set_active(actor=OFFICE, deputy_id=deputy["id"], active=True)
    assert client.get(f"/api/v1/entry/{deputy['entry_code']}").status_code == 200


def test_a_submission_retried_after_its_deputy_was_deactivated_gets_its_stored_case(
        client, seeded):
    deputy = seeded["deputies"][2]
    token = client.post("/api/v1/auth/wechat", json={"code": "retrier"}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "before-close"}
    body = {"entry_code": deputy["entry_code"], "category": "other", "type": "request",
            "content": "提交后网络断了，再点一次"}
    first = client.post("/api/v1/cases", headers=headers, json=body)
    assert first.status_code == 201
    deputy_admin.set_active(actor=OFFICE, deputy_id=deputy["id"], active=False)
    again = client.post("/api/v1/cases", headers=headers, json=body)
    assert again.status_code == 200
    assert again.get_json()["case"]["id"] == first.get_json()["case"]["id"]
    changed = client.post("/api/v1/cases", headers=headers, json={**body, "content": "别的"})
    assert changed.status_code == 404  # not the same request: the closed code stays closed
