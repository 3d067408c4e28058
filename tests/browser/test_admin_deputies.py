"""Deputies through the admin page: Excel import all-or-nothing, QR codes and A4 posters."""
import io
import os
import re

import pytest
from openpyxl import Workbook

from tests.browser.conftest import SCREENSHOTS, admin_login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet(rows) -> dict:
    book = Workbook()
    book.active.append(["姓名", "手机号", "层级", "联络站", "代表小组"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return {"name": "代表名单.xlsx", "mimeType": XLSX, "buffer": buffer.getvalue()}


def upload(page, base, rows):
    page.goto(f"{base}/admin/deputies/import")
    page.set_input_files("input[name=file]", files=[sheet(rows)])
    page.click("form.import-form button[type=submit]")
    page.wait_for_selector("#import-report")


def deputy_names(page, base) -> list[str]:
    page.goto(f"{base}/admin/deputies")
    return page.locator("table.deputies tbody tr td:first-child a").all_inner_texts()


def test_an_import_with_one_bad_row_writes_nothing_and_names_the_row(live_server, seeded, page):
    admin_login(page, live_server, "office")
    rows = [["赵一", "13900000001", "县级", "城关镇代表联络站", "城关镇代表小组"],
            ["钱二", "1390000", "乡镇级", "河西乡代表联络站", ""],
            ["孙三", 13900000003, "county", "", ""]]
    upload(page, live_server, rows)
    report = page.inner_text("#import-report")
    assert "未导入任何代表" in report
    assert "第 3 行" in report and "手机号" in report and "格式不正确" in report
    assert page.locator("#import-report tbody tr").count() == 1
    screenshot(page, "deputy-import-rejected-desktop")
    assert sorted(deputy_names(page, live_server)) == sorted(["张建国", "李秀英", "王德明"])

    rows[1][1] = "13900000002"
    upload(page, live_server, rows)
    assert "已导入 3 名代表" in page.inner_text("#import-report")
    screenshot(page, "deputy-import-done-desktop")
    assert {"赵一", "钱二", "孙三"} <= set(deputy_names(page, live_server))
    screenshot(page, "deputies-desktop")


def test_qr_posters_render_one_a4_page_per_deputy(live_server, seeded, page):
    admin_login(page, live_server, "office")
    page.goto(f"{live_server}/admin/qr-sheet?all=1")
    posters = page.locator("article.poster")
    assert posters.count() == 3
    # In pinyin order, as the deputy list: 李 (li) before 王 (wang) before 张 (zhang).
    assert "李秀英" in posters.nth(0).inner_text() and "微信" in posters.nth(0).inner_text()
    assert "张建国" in posters.nth(2).inner_text()
    widths = page.eval_on_selector_all("img.qr", "imgs => imgs.map(i => i.naturalWidth)")
    assert len(widths) == 3 and all(w > 200 for w in widths)
    screenshot(page, "qr-sheet-desktop")
    os.makedirs(SCREENSHOTS, exist_ok=True)
    pdf = page.pdf(path=os.path.join(SCREENSHOTS, "qr-sheet.pdf"), format="A4",
                   print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 3  # one A4 page per poster
