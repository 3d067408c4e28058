"""The site's front door: landing page, API docs, favicon, and the public list's chooser."""
import io
import os
import subprocess
import sys

import pytest
from PIL import Image

pytestmark = pytest.mark.integration
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def test_the_landing_page_leads_to_the_admin_page_the_docs_and_each_public_list(
        client, seeded):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/admin/"' in page and 'href="/api/docs"' in page
    assert 'href="/h5/public?region_id=demo"' in page and "示例县" in page


def test_the_landing_page_says_so_when_there_is_no_region_yet(client):
    page = client.get("/")
    assert page.status_code == 200 and "还没有行政区" in page.get_data(as_text=True)


def test_the_api_docs_page_renders_the_servers_own_document_with_vendored_files(client):
    page = client.get("/api/docs")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'data-spec="/api/v1/openapi.json"' in html
    assert "script-src" not in page.headers["Content-Security-Policy"]  # 'self' only
    for asset in ("/static/vendor/swagger-ui/swagger-ui-bundle.js",
                  "/static/vendor/swagger-ui/swagger-ui.css", "/static/site/api_docs.js"):
        assert asset in html
        assert client.get(asset).status_code == 200, asset


def test_the_favicon_is_a_real_icon(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.mimetype == "image/vnd.microsoft.icon"
    assert Image.open(io.BytesIO(icon.data)).format == "ICO"


def test_the_public_list_without_a_region_offers_the_regions_instead_of_an_error(
        client, seeded):
    page = client.get("/h5/public")
    assert page.status_code == 200
    assert 'href="/h5/public?region_id=demo"' in page.get_data(as_text=True)


@pytest.mark.parametrize("module", ["functions.reminders", "functions.notify"])
def test_a_bad_now_prints_the_usage_not_a_traceback(module):
    run = subprocess.run([sys.executable, "-m", module, "--now", "yesterday"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert f"usage: python -m {module}" in run.stderr and "Traceback" not in run.stderr
    assert "2026-12-04T01:00:00Z" in run.stderr  # it shows what it expects
