"""Markup and formulas typed by citizens (or staff) are shown as text wherever they appear:
the H5 pages, the admin pages, and the Excel export, where no cell may become a formula.
"""
import io

import pytest
from openpyxl import load_workbook

from tests.case_fixtures import Caller, Cast
from tests.integration.admin_helpers import admin_login

pytestmark = pytest.mark.integration

CONTENTS = (
    '=HYPERLINK("http://evil.invalid","<script>alert(1)</script>")',
    "@SUM(1+1)<img src=x onerror=alert(2)>",
    "+cmd|' /C calc'!A0 <iframe src=javascript:alert(3)>",
    "-2+3 </textarea><svg onload=alert(4)>",
)
DEPUTY_NAME = "<script>d</script>"
RAW = ("<script>alert(1)</script>", "<img src=x", "<iframe", "<svg onload", "</textarea><svg",
       DEPUTY_NAME)


@pytest.fixture
def hostile(request):
    """Public cases with markup and formulas, walked to the office's queue; a deputy whose
    name is a script tag. Returns the cast, the case ids and that deputy."""
    cast = Cast(Caller(request.getfixturevalue("client")), request.getfixturevalue("seeded"))
    ids = [cast.case_at("forwarded", public=True, content=text) for text in CONTENTS]
    deputy = cast.office.ok("POST", "/api/v1/staff/deputies", 201, json={
        "name": DEPUTY_NAME, "phone": "13900000011", "level": "county"})["deputy"]
    return cast, ids, deputy


def unescaped(html: str) -> list[str]:
    return [raw for raw in RAW if raw in html]


def test_markup_reaches_the_api_as_plain_json_text(hostile):
    cast, ids, _ = hostile
    response = cast.office.get(f"/api/v1/cases/{ids[0]}")
    assert response.mimetype == "application/json"
    assert response.get_json()["case"]["content"] == CONTENTS[0]


def test_h5_pages_show_markup_as_text(hostile, client):
    _, _, deputy = hostile
    public = client.get("/h5/public?region_id=demo").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in public and unescaped(public) == []
    landing = client.get(f"/q/{deputy['entry_code']}").get_data(as_text=True)
    assert "&lt;script&gt;d&lt;/script&gt;" in landing and unescaped(landing) == []


def test_admin_pages_show_markup_as_text(hostile):
    cast, ids, _ = hostile
    client = cast.anonymous.client
    admin_login(client, "office")
    pages = {path: client.get(path) for path in (
        "/admin/queue", "/admin/deputies", "/admin/cases",
        *(f"/admin/cases/{case_id}" for case_id in ids),
        *(f"/admin/cases/{case_id}/sheet" for case_id in ids))}
    assert {path: r.status_code for path, r in pages.items()} == {path: 200 for path in pages}
    shown = {path: unescaped(r.get_data(as_text=True)) for path, r in pages.items()}
    assert shown == {path: [] for path in pages}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["/admin/queue"].get_data(as_text=True)


def test_the_excel_export_holds_no_formula_and_keeps_the_text(hostile):
    cast, _, _ = hostile
    client = cast.anonymous.client
    admin_login(client, "office")
    for path in ("/admin/export/cases.xlsx", "/admin/cases/export.xlsx"):
        _formula_free(client.get(path))


def _formula_free(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    starts = ("=", "+", "-", "@", "\t", "\r")
    assert [c.value for c in cells if isinstance(c.value, str) and c.value.startswith(starts)] \
        == []
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert all(any(text in value for value in texts) for text in CONTENTS)
