"""The lead unit's monthly progress costs each read once: the project and its round are
read by the check that comes before its photos are stored and passed on to the report,
whose write goes back under the version read; the admin page itself is read only when the
form is refused (to show it again). With one photo: 7 store calls (14 before)."""
import io
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from tests.h5_client import hidden, jpeg
from tests.integration.admin_helpers import admin_login
from tests.integration.projects_cast import pcast  # noqa: F401
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
AT = datetime(2026, 10, 9, 2, 0, tzinfo=timezone.utc)
REPORT = {"month": "2026-10", "percent": "40", "content": "完成设计招标。"}


@pytest.fixture
def project_id(pcast):
    clock.set_now(AT)
    round_id, _ = pcast.round_in("in_progress")
    project_id = pcast.projects(round_id)[0]["id"]
    pcast.assign(project_id)
    return project_id


def calls_of(post) -> tuple[object, list[str]]:
    with StoreCallCounter() as counter:
        counter.take()
        response = post()
        calls = counter.take()
    return response, [f"{c.operation} {c.key}" for c in calls]


def test_the_admin_progress_post_with_one_photo_reads_project_and_round_once(app, pcast,
                                                                             project_id):
    browser = app.test_client()
    token = admin_login(browser, "unit1")
    form = hidden(browser.get(f"/admin/project/{project_id}").get_data(as_text=True))
    sent, calls = calls_of(lambda: browser.post(
        f"/admin/project/{project_id}/progress", content_type="multipart/form-data",
        data={**form, **REPORT, "csrf_token": token,
              "photos": [(io.BytesIO(jpeg()), "site.jpg")]}))
    assert sent.status_code == 302
    assert calls == ["GetItem STAFF", "GetItem PROJECT", "GetItem PROUND",
                     "UpdateItem THROTTLE", "PutItem FILE",  # the form's photo stored
                     "UpdateItem THROTTLE",  # and claimed for the project
                     "PutItem PROJECT"], calls
    entry = pcast.office.ok("GET", f"/api/v1/projects/{project_id}")["project"]["progress"][-1]
    assert (entry["month"], entry["percent"], len(entry["photos"])) == ("2026-10", 40, 1)


def test_the_api_progress_post_reads_the_project_once(pcast, project_id):
    unit = pcast.unit
    unit.ok("GET", f"/api/v1/projects/{project_id}")  # logged in before counting
    sent, calls = calls_of(lambda: unit.post(f"/api/v1/projects/{project_id}/progress",
                                             json={**REPORT, "percent": 40}))
    assert sent.status_code == 200, sent.get_json()
    assert calls == ["GetItem STAFF", "GetItem PROJECT", "GetItem PROUND",
                     "PutItem PROJECT"], calls
