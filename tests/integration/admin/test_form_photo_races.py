"""A staff or H5 form with photos posted twice at once (a double click, a browser's retry
while the first post still runs): the second stores no photo of its own, it shows the
first's (functions/cases/form_photos.py). Both posts are held together just past the
check that would find a finished first post, so neither can see the other's result."""
import io
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from functions.cases import form_photos, handling, submission
from functions.projects import progress
from functions.shared import clock
from functions.shared.errors import key_in_use
from tests.h5_client import H5, code, h5, hidden, jpeg, text  # noqa: F401
from tests.integration.admin.test_admin_case_actions import OFFICE, station_case
from tests.integration.admin_helpers import admin_login
from tests.integration.cases.upload_retry_fixtures import stored_files
from tests.integration.projects_cast import pcast  # noqa: F401

pytestmark = pytest.mark.integration
AT = datetime(2026, 10, 9, 2, 0, tzinfo=timezone.utc)
PICTURE = jpeg()


def held_together(monkeypatch, module, name: str) -> None:
    """Each of two posts waits for the other right after `module.name`."""
    barrier, real = threading.Barrier(2, timeout=10), getattr(module, name)

    def held(*args, **kwargs):
        result = real(*args, **kwargs)
        barrier.wait()
        return result
    monkeypatch.setattr(module, name, held)


def at_once(post) -> list:
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(post, range(2)))


def ids(photos) -> list[str]:
    return [p["file_id"] if isinstance(p, dict) else p for p in photos or []]


def test_a_case_progress_form_posted_twice_at_once_stores_its_photo_once(
        app, seeded, monkeypatch):
    clock.set_now(AT)
    case_id = station_case(app.test_client(), seeded)
    browsers = [app.test_client() for _ in range(2)]
    tokens = [admin_login(b, "unit1") for b in browsers]
    act = f"/admin/cases/{case_id}/act"
    browsers[0].post(act, data={"csrf_token": tokens[0], "action": "sign"})
    page = browsers[0].get(f"/admin/cases/{case_id}").get_data(as_text=True)
    key = re.search(r'name="idempotency_key" value="([^"]+-progress)"', page).group(1)
    held_together(monkeypatch, handling, "check_action")
    sent = at_once(lambda n: browsers[n].post(act, content_type="multipart/form-data", data={
        "csrf_token": tokens[n], "action": "progress", "content": "已派人查看",
        "idempotency_key": key, "photos": [(io.BytesIO(PICTURE), "a.jpg")]}))
    assert len(stored_files()) == 1
    assert [r.status_code for r in sent] == [302, 302], [r.status_code for r in sent]
    case = handling.get_case(case_id=case_id, actor=OFFICE, now=clock.now())
    entries = [e for e in case["timeline"] if e["action"] == "progress"]
    assert len(entries) == 1 and stored_files() == ids(entries[0]["photos"])


def test_an_h5_submit_form_posted_twice_at_once_stores_its_photo_once(
        app, seeded, code, monkeypatch):  # noqa: F811
    browsers = [H5(app.test_client()) for _ in range(2)]
    for n, browser in enumerate(browsers):
        clock.set_now(AT + timedelta(minutes=n * 2))  # a phone gets one code a minute
        browser.log_in()
    form = hidden(text(browsers[0].get(f"/q/{code}")))
    held_together(monkeypatch, submission, "case_of_key")
    sent = at_once(lambda n: browsers[n].client.post(
        f"/q/{code}", content_type="multipart/form-data", data={
            **hidden(text(browsers[n].get(f"/q/{code}"))), "idempotency_key":
            form["idempotency_key"], "category": "ecology", "type": "suggestion",
            "content": "河道要清淤", "photos": [(io.BytesIO(PICTURE), "a.jpg")]}))
    assert len(stored_files()) == 1
    assert [r.status_code for r in sent] == [303, 303], [text(r)[:300] for r in sent]
    assert sent[0].headers["Location"] == sent[1].headers["Location"]
    monkeypatch.undo()
    case = submission.case_of_key(actor={"user_id": _phone_user()},
                                  idempotency_key=form["idempotency_key"])
    assert stored_files() == ids(case["photos"]) and len(case["photos"]) == 1


def test_a_project_progress_form_posted_twice_at_once_stores_its_photo_once(
        app, pcast, monkeypatch):  # noqa: F811
    clock.set_now(AT)
    round_id, _ = pcast.round_in("in_progress")
    project_id = pcast.projects(round_id)[0]["id"]
    pcast.assign(project_id)
    browsers = [app.test_client() for _ in range(2)]
    tokens = [admin_login(b, "unit1") for b in browsers]
    page = browsers[0].get(f"/admin/project/{project_id}").get_data(as_text=True)
    form = hidden(page)
    held_together(monkeypatch, progress, "check_progress")
    sent = at_once(lambda n: browsers[n].post(
        f"/admin/project/{project_id}/progress", content_type="multipart/form-data", data={
            **form, "csrf_token": tokens[n], "month": "2026-10", "percent": "40",
            "content": "完成设计招标。", "photos": [(io.BytesIO(PICTURE), "site.jpg")]}))
    assert len(stored_files()) == 1
    assert [r.status_code for r in sent] == [302, 302], [r.status_code for r in sent]
    entries = pcast.office.ok("GET", f"/api/v1/projects/{project_id}")["project"]["progress"]
    assert len(entries) == 1 and stored_files() == ids(entries[0]["photos"])


def test_an_h5_form_whose_first_post_still_runs_says_so_and_keeps_its_key(
        h5, code, monkeypatch):  # noqa: F811
    monkeypatch.setattr(form_photos, "store", _first_post_still_storing)
    form = hidden(text(h5.get(f"/q/{code}")))
    refused = h5.client.post(f"/q/{code}", content_type="multipart/form-data", data={
        **form, "category": "ecology", "type": "suggestion", "content": "河道要清淤",
        "photos": [(io.BytesIO(PICTURE), "a.jpg")]})
    assert refused.status_code == 409 and "这张表单正在提交中" in text(refused)
    assert hidden(text(refused))["idempotency_key"] == form["idempotency_key"]


def test_a_staff_form_whose_first_post_still_runs_says_so(app, seeded, monkeypatch):
    case_id = station_case(app.test_client(), seeded)
    browser = app.test_client()
    token = admin_login(browser, "unit1")
    act = f"/admin/cases/{case_id}/act"
    browser.post(act, data={"csrf_token": token, "action": "sign"})
    monkeypatch.setattr(form_photos, "store_all", _first_post_still_storing)
    refused = browser.post(act, content_type="multipart/form-data", data={
        "csrf_token": token, "action": "progress", "content": "已派人查看",
        "idempotency_key": "f1-progress", "photos": [(io.BytesIO(PICTURE), "a.jpg")]})
    assert refused.status_code == 409 and "这张表单正在提交中" in text(refused)


def _first_post_still_storing(**_):
    raise key_in_use()  # what form_photos raises when the first post's file is not there


def _phone_user() -> str:
    from functions.identity import users
    from tests.h5_client import PHONE
    return users.phone_user_id(PHONE)
