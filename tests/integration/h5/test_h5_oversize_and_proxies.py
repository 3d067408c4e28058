"""A body over the limit on a page is a page in Chinese (the API keeps its JSON 413), and
the per-address limits see the client's address only through proxies we say we run."""
import dataclasses
import io

import pytest

from functions.identity import phone_login
from tests.case_fixtures import assert_error
from tests.h5_client import H5, code, h5, hidden, text  # noqa: F401

pytestmark = pytest.mark.integration


def oversize_form(client, path: str, **headers):
    """A multipart post one byte over the limit, declaring its length (as browsers do)."""
    limit = client.application.config["MAX_CONTENT_LENGTH"]
    return client.post(path, data={"content": "路灯", "photos": (
        io.BytesIO(b"\xff" * (limit + 1)), "camera.jpg")}, content_type="multipart/form-data",
        headers=headers)


def test_an_oversize_h5_submission_is_a_chinese_page_with_a_way_back_to_the_form(h5, code):
    response = oversize_form(h5.client, f"/q/{code}")
    page = text(response)
    assert response.status_code == 413 and response.mimetype == "text/html"
    assert "照片太大" in page and "每张照片不超过10MB" in page
    assert f'href="/q/{code}"' in page and "返回重新填写" in page
    assert 'class="bar"' in page  # the H5 pages' own frame, not a bare error


def test_an_oversize_post_without_a_declared_length_gets_the_same_page(h5, code):
    limit = h5.client.application.config["MAX_CONTENT_LENGTH"]
    body = b"--b\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\n" + \
        b"x" * (limit + 1) + b"\r\n--b--\r\n"
    response = h5.client.post(f"/q/{code}", input_stream=io.BytesIO(body),
                              content_type="multipart/form-data; boundary=b",
                              environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == 413 and "照片太大" in text(response)


def test_an_oversize_admin_form_is_an_admin_page(client):
    response = oversize_form(client, "/admin/login")
    assert response.status_code == 413 and response.mimetype == "text/html"
    assert "上传的文件太大" in text(response)


def test_the_api_and_a_json_asking_client_keep_the_contracts_413(h5, code):
    assert_error(oversize_form(h5.client, "/api/v1/uploads"), 413, "payload_too_large")
    assert_error(oversize_form(h5.client, f"/q/{code}", Accept="application/json"), 413,
                 "payload_too_large")


def ask_from(browser: H5, n: int, remote: str, forwarded: str):
    """Ask a code for a new phone from `remote`, the header claiming `forwarded`."""
    page = text(browser.get("/h5/login?next=/h5/mine"))
    return browser.client.post("/h5/login/code", data={
        **hidden(page), "phone": f"1370000{n:04d}", "next": "/h5/mine"},
        headers={"X-Forwarded-For": forwarded}, environ_base={"REMOTE_ADDR": remote})


def test_without_trusted_proxies_a_forged_forwarded_header_does_not_dodge_the_limit(
        client, seeded):
    browser = H5(client)
    for n in range(phone_login.IP_LIMIT_PER_HOUR):
        assert ask_from(browser, n, "198.51.100.7", f"203.0.113.{n}").status_code == 200
    assert ask_from(browser, 99, "198.51.100.7", "203.0.113.200").status_code == 429


@pytest.fixture
def proxied(store, seeded):
    """The app as it runs behind one reverse proxy of ours (TRUSTED_PROXIES=1)."""
    from miniprogram_api import create_app
    return create_app(dataclasses.replace(store, trusted_proxies=1)).test_client()


def test_behind_a_trusted_proxy_each_client_address_has_its_own_limit(proxied):
    browser, proxy = H5(proxied), "10.0.0.2"
    for n in range(phone_login.IP_LIMIT_PER_HOUR):
        assert ask_from(browser, n, proxy, "203.0.113.7").status_code == 200
    assert ask_from(browser, 98, proxy, "203.0.113.7").status_code == 429
    # A client forging a first address still counts as the address the proxy saw.
    assert ask_from(browser, 97, proxy, "1.2.3.4, 203.0.113.7").status_code == 429
    assert ask_from(browser, 96, proxy, "203.0.113.8").status_code == 200
