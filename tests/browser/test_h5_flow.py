"""The H5 pages in Debian's chromium on a phone-sized screen: submit → track → rate.

The server's PUBLIC_BASE_URL is its own address here, so photo links load in the page.
"""
import dataclasses
import random
import re
import threading

import pytest
from PIL import Image

from tests.browser.conftest import PHONE, screenshot
from tests.conftest import free_port
from tests.h5_client import approve, deputy_of, to_answered

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
MOBILE = {"is_mobile": True, "has_touch": True}


@pytest.fixture
def h5_server(store, seeded):
    from werkzeug.serving import make_server
    from miniprogram_api import create_app
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app(dataclasses.replace(store, public_base_url=base))
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()


def big_photo(path) -> str:
    """A camera-sized, noisy JPEG (over 1 MB), so the page's shrinking has work to do."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", (2400, 1800), rng.randbytes(2400 * 1800 * 3))
    image.save(path, "JPEG", quality=92)
    return str(path)


def fits_the_screen(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, (page.url, overflow)


def outside_requests(page, base: str) -> list:
    seen = []
    page.on("request", lambda r: seen.append(r.url) if not r.url.startswith(
        (base, "data:", "blob:")) else None)
    return seen


def log_in(page, base: str, code: str) -> None:
    page.goto(f"{base}/q/{code}")
    page.fill("#phone", "13912345678")
    page.click("#login-phone button[type=submit]")
    page.wait_for_url(f"{base}/h5/login/code")
    dev_code = page.locator("#dev-code strong").inner_text()
    screenshot(page, "h5-login-code")
    page.fill("#code", dev_code)
    page.click("#login-code button[type=submit]")
    page.wait_for_url(f"{base}/q/{code}")


def test_submit_track_and_rate_on_a_phone(h5_server, seeded, new_page, tmp_path):
    base, code = h5_server, seeded["deputies"][0]["entry_code"]
    page = new_page(PHONE, **MOBILE)
    outside = outside_requests(page, base)
    page.goto(f"{base}/q/{code}")
    assert "张建国" in page.inner_text("#deputy-card")
    fits_the_screen(page)
    screenshot(page, "h5-entry")
    log_in(page, base, code)

    page.select_option("#category", "city_construction")
    page.check("input[name=type][value=request]")
    page.fill("#content", "东门路口红绿灯时间太短，老人过马路来不及。<b>不是粗体</b>")
    page.set_input_files("#photos", big_photo(tmp_path / "camera.jpg"))
    page.check("input[name=public]")
    fits_the_screen(page)
    screenshot(page, "h5-submit-form")
    page.click("#submit-form button[type=submit]")
    page.wait_for_url(re.compile(r"/h5/mine/\w+\?new=1$"))
    case_id = page.url.split("/h5/mine/")[1].split("?")[0]
    assert "已提交" in page.inner_text("#case-status")
    assert "<b>不是粗体</b>" in page.inner_text("#case")
    photo = page.locator("#case .photos img").first
    photo.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    # The page shrank the 2400 px camera photo before it left the phone.
    assert photo.evaluate("img => img.naturalWidth") == 1600
    screenshot(page, "h5-case-submitted")

    page.goto(f"{base}/h5/mine")
    assert page.locator(f"a[href='/h5/mine/{case_id}']").is_visible()
    fits_the_screen(page)
    screenshot(page, "h5-mine")

    to_answered(case_id, deputy_of(seeded))
    approve(case_id)  # the office approves the public text
    page.goto(f"{base}/h5/mine/{case_id}")
    assert page.inner_text("#case-status") == "已办结答复"
    assert "路灯已全部修复" in page.inner_text(".timeline")
    fits_the_screen(page)
    screenshot(page, "h5-case-answered")

    page.check("#rate-form input[value=satisfied]")
    page.fill("#comment", "办得快，谢谢")
    page.click("#rate-form button[type=submit]")
    page.wait_for_url(re.compile(r"done=rate$"))
    assert page.inner_text("#case-status") == "已办结"
    assert page.locator("#rate-form").count() == 0
    screenshot(page, "h5-case-closed")

    page.goto(f"{base}/h5/public?region_id=demo")
    assert "东门路口红绿灯" in page.inner_text("#public-cases")
    page.click("#public-cases details summary")
    fits_the_screen(page)
    screenshot(page, "h5-public")
    assert outside == []


def test_the_same_flow_works_without_javascript(h5_server, seeded, new_page):
    base, code = h5_server, seeded["deputies"][1]["entry_code"]
    page = new_page(PHONE, java_script_enabled=False, **MOBILE)
    log_in(page, base, code)
    page.select_option("#category", "agriculture")
    page.check("input[name=type][value=consultation]")
    page.fill("#content", "今年的种粮补贴什么时候发放？")
    page.click("#submit-form button[type=submit]")
    page.wait_for_url(re.compile(r"/h5/mine/\w+\?new=1$"))
    assert "李秀英代表" in page.inner_text("#case")
    page.click("#withdraw-form button[type=submit]")
    page.wait_for_url(re.compile(r"done=withdraw$"))
    assert page.inner_text("#case-status") == "已撤回"


def test_an_unknown_code_shows_a_friendly_page(h5_server, new_page):
    page = new_page(PHONE, **MOBILE)
    response = page.goto(f"{h5_server}/q/NOSUCH99")
    assert response.status == 404 and "二维码无效" in page.inner_text("h1")
    fits_the_screen(page)
    screenshot(page, "h5-not-found")
