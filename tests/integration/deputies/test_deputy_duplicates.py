"""One person is one deputy in a region: the API, the admin form and the import agree."""
import io
from datetime import datetime, timezone

import pytest
from openpyxl import Workbook

from functions import deputies
from functions.deputies import admin as deputy_admin, sheet_import as deputy_import
from functions.shared.errors import Conflict
from functions.storage import directory_keys, keys
from functions.storage.models import DeputyIdentityItem
from tests.case_fixtures import Caller, assert_error
from tests.integration.admin_helpers import admin_login

pytestmark = [pytest.mark.integration]
OFFICE = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}


def xlsx(rows) -> bytes:
    book = Workbook()
    book.active.append(["姓名", "手机号", "层级", "联络站", "代表小组"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_api_answers_409_with_the_existing_deputy_however_the_phone_is_written(
        client, seeded):
    office = Caller(client).as_staff("office")
    first = office.ok("POST", "/api/v1/staff/deputies", 201, json={
        "name": "赵 一", "phone": "139-0000-0011", "level": "county"})["deputy"]
    assert (first["name"], first["phone"]) == ("赵一", "13900000011")
    again = office.post("/api/v1/staff/deputies", json={
        "name": "赵一", "phone": "+86 １３９ ０００００ ０１１", "level": "city"})
    assert_error(again, 409, "conflict")
    assert again.get_json()["error"]["fields"]["existing"]["id"] == first["id"]
    names = [d["name"] for d in deputy_admin.all_deputies(actor=OFFICE, name="赵")]
    assert names == ["赵一"]


def test_the_same_name_with_another_phone_is_another_deputy(seeded):
    other = deputies.register_deputy(name="张建国", phone="13900000099", region_id="demo",
                                     level="county")
    assert other["id"] != seeded["deputies"][0]["id"]


def test_the_admin_form_keeps_the_typed_fields_and_links_the_existing_deputy(client, seeded):
    token = admin_login(client, "office")
    page = client.post("/admin/deputies/new", data={
        "csrf_token": token, "name": "李 秀英", "phone": "138 0000 0002", "level": "city",
        "station": "新联络站", "group": ""})
    html = page.get_data(as_text=True)
    assert page.status_code == 409 and 'id="deputy-exists"' in html
    assert f"/admin/deputies/{seeded['deputies'][1]['id']}" in html
    assert 'value="李 秀英"' in html and 'value="新联络站"' in html
    assert 'value="city" selected' in html


def test_an_import_skips_rows_already_registered_and_says_so(client, seeded):
    sheet = xlsx([["王德明", "138-0000-0003", "乡镇级", "", ""],
                  ["孙 二", "13900000021", "县级", "", ""]])
    result = deputy_import.import_deputies(actor=OFFICE, data=sheet)
    assert [d["name"] for d in result["created"]] == ["孙二"]
    assert [(e["row"], e["deputy"]["id"]) for e in result["existing"]] == [
        (2, seeded["deputies"][2]["id"])]
    token = admin_login(client, "office")
    page = client.post("/admin/deputies/import", data={
        "csrf_token": token, "file": (io.BytesIO(sheet), "again.xlsx")})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "已导入 0 名代表，2 行已存在、已跳过" in html
    assert len(deputy_admin.all_deputies(actor=OFFICE)) == 4


def test_import_problems_show_the_cell_and_what_it_should_hold(client, seeded):
    token = admin_login(client, "office")
    page = client.post("/admin/deputies/import", data={"csrf_token": token, "file": (
        io.BytesIO(xlsx([["周五", "1390000", "大队级", "", ""]])), "bad.xlsx")})
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "第 2 行" in html and "<code>1390000</code>" in html and "11 位手机号" in html
    assert "<code>大队级</code>" in html and "全国 / 省级 / 市级 / 县级 / 乡镇级" in html


def test_an_edit_cannot_take_another_deputys_identity_and_frees_its_own(seeded):
    zhang, li = seeded["deputies"][0], seeded["deputies"][1]
    with pytest.raises(Conflict) as refused:
        deputy_admin.edit_deputy(actor=OFFICE, deputy_id=zhang["id"], body={
            "name": "李秀英", "phone": "13800000002", "level": "county"})
    assert refused.value.fields["existing"]["id"] == li["id"]
    assert deputy_admin.get_deputy(actor=OFFICE, deputy_id=zhang["id"]).name == "张建国"
    deputy_admin.edit_deputy(actor=OFFICE, deputy_id=zhang["id"], body={
        "name": "张建军", "phone": "13800000001", "level": "county"})
    # The old name and phone are free again: a new deputy may take them.
    deputies.register_deputy(name="张建国", phone="13800000001", region_id="demo",
                             level="county")
    with pytest.raises(Conflict):
        deputies.register_deputy(name="张建军", phone="13800000001", region_id="demo",
                                 level="county")


def test_a_guard_left_by_a_crash_before_the_deputy_was_written_is_taken_over(seeded):
    DeputyIdentityItem(pk=keys.deputy_identity_pk("demo", "吴六", "13900000066"),
                       sk=keys.META, deputy_id="d-never-written").save()
    made = deputies.register_deputy(name="吴六", phone="13900000066", region_id="demo",
                                    level="county")
    guard = DeputyIdentityItem.get(keys.deputy_identity_pk("demo", "吴六", "13900000066"),
                                   keys.META)
    assert guard.deputy_id == made["id"]


def test_the_list_comes_in_pinyin_order_and_finds_by_pinyin(seeded):
    for name, phone in (("安宁", "13900000031"), ("曾红", "13900000032")):
        deputies.register_deputy(name=name, phone=phone, region_id="demo", level="county")
    names = [d["name"] for d in deputy_admin.list_deputies(actor=OFFICE)["items"]]
    assert names == ["安宁", "李秀英", "王德明", "曾红", "张建国"]
    found = deputy_admin.list_deputies(actor=OFFICE, name="zh")["items"]
    assert [d["name"] for d in found] == ["张建国"]
    assert [d["name"] for d in deputy_admin.list_deputies(actor=OFFICE, name="李")["items"]] \
        == ["李秀英"]


def test_a_filtered_list_queries_the_filters_own_index_not_the_whole_region(seeded):
    from tests.store_call_counter import StoreCallCounter
    for n in range(12):
        deputies.register_deputy(name=f"县代表{n:02d}", phone=f"1390000{n:04d}",
                                 region_id="demo", level="county", station="东山街道联络站")
    with StoreCallCounter() as counter:
        townships = deputy_admin.list_deputies(actor=OFFICE, level="township")["items"]
        at_station = deputy_admin.list_deputies(actor=OFFICE, station="河西乡代表联络站",
                                                level="county")["items"]
    assert [d["name"] for d in townships] == ["王德明"]
    assert [d["name"] for d in at_station] == ["李秀英"]
    assert [(c.operation, c.index) for c in counter.take()] == [("Query", "gsi2"),
                                                                 ("Query", "gsi3")]


def test_the_nightly_reconcile_brings_older_deputies_into_pinyin_order_and_guards(seeded):
    from functions.reporting import recount as reconcile
    from functions.storage.models import DeputyItem
    # As the code before pinyin keys wrote a deputy: name as sort key, typed as given.
    DeputyItem(pk=keys.deputy_pk("d-old"), sk=keys.META, deputy_id="d-old", name="安 国",
               phone="139-0000-0077", region_id="demo", level="township", entry_code="OLD1",
               created_at="2026-01-01T00:00:00Z", gsi1pk=directory_keys.region_deputies_key("demo"),
               gsi1sk="安 国").save()
    assert reconcile.run(now=datetime(2026, 11, 30, tzinfo=timezone.utc))["demo"][
        "deputies_reindexed"] == 1
    names = [d["name"] for d in deputy_admin.list_deputies(actor=OFFICE)["items"]]
    assert names == ["安国", "李秀英", "王德明", "张建国"]
    assert [d["name"] for d in deputy_admin.list_deputies(actor=OFFICE, level="township")
            ["items"]] == ["安国", "王德明"]
    with pytest.raises(Conflict):
        deputies.register_deputy(name="安国", phone="13900000077", region_id="demo",
                                 level="county")
    assert reconcile.run(now=datetime(2026, 12, 1, tzinfo=timezone.utc))["demo"][
        "deputies_reindexed"] == 0
