"""The admin pages of livelihood projects: rounds, shortlist and vote control through the
forms, live turnout, results, the project board and the evaluation export."""
import io
from datetime import datetime, timezone

import pytest
from openpyxl import load_workbook

from functions.shared import clock

from tests.integration.admin_helpers import admin_login
from tests.integration.projects_cast import pcast  # noqa: F401

pytestmark = pytest.mark.integration


def page_text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_the_office_runs_a_round_from_the_pages(pcast, app):
    clock.set_now(datetime(2026, 9, 20, 2, 0, tzinfo=timezone.utc))
    browser = app.test_client()
    token = admin_login(browser, "office")
    response = browser.post("/admin/projects", data={
        "csrf_token": token, "idempotency_key": "page-1", "year": "2027",
        "title": "2027年民生实事", "max_choices": "2"})
    assert response.status_code == 302
    round_path = response.headers["Location"]
    round_id = round_path.rsplit("/", 1)[-1]
    for title in ("老旧小区改造", "农村公路"):
        browser.post(f"{round_path}/candidates", data={
            "csrf_token": token, "idempotency_key": title, "title": title,
            "description": f"{title}的内容"})
    ids = [c["id"] for c in pcast.read_round(round_id)["candidates"]]
    assert "move-open-vote" not in page_text(browser, round_path)  # nothing shortlisted yet
    browser.post(f"{round_path}/shortlist", data={"csrf_token": token, "candidate_ids": ids})
    browser.post(f"{round_path}/move/open-vote",
                 data={"csrf_token": token, "closes_on": "2026-09-25"})
    html = page_text(browser, round_path)
    assert "票决中" in html and 'id="turnout"' in html and "结束票决" in html
    assert "2026-09-25 23:59" in html and "截止前一天提醒代表" in html
    for deputy in range(3):
        pcast.vote(round_id, deputy, [ids[0]])
    turnout = browser.get(f"{round_path}/turnout.json").get_json()
    assert (turnout["ballots"], turnout["eligible"]) == (3, 5)
    browser.post(f"{round_path}/move/close-vote", data={"csrf_token": token})
    html = page_text(browser, round_path)
    assert "实施中" in html and "chart-results" in html and "当选" in html
    project = pcast.projects(round_id)[0]["id"]
    browser.post(f"{round_path}/projects/{project}/assign", data={
        "csrf_token": token, "unit_id": "u-housing", "leader": "刘副县长",
        "deputy_group": "城关镇代表小组", "office": "城建环保工委"})
    pcast.unit.ok("POST", f"/api/v1/projects/{project}/progress",
                  json={"month": "2027-03", "percent": 45, "content": "完成设计。"})
    html = page_text(browser, round_path)
    assert 'aria-valuenow="45"' in html and "示例县住建局" in html and "刘副县长" in html


def test_evaluation_results_export_to_excel(pcast, app):
    round_id, _ = pcast.round_in("evaluating")
    projects = [p["id"] for p in pcast.projects(round_id)]
    for deputy in range(5):
        pcast.deputy(deputy).ok("POST", f"/api/v1/project-rounds/{round_id}/evaluation", json={
            "ratings": {projects[0]: "satisfied",
                        projects[1]: "unsatisfied" if deputy < 3 else "satisfied"}})
    pcast.move(round_id, "close-evaluation")
    browser = app.test_client()
    admin_login(browser, "office")
    html = page_text(browser, f"/admin/projects/{round_id}")
    assert "需重新测评" in html and "开始第二轮测评" in html
    response = browser.get(f"/admin/projects/{round_id}/evaluation.xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.data)).worksheets[0].values)
    assert rows[0][:3] == ("项目", "牵头单位", "进度(%)")
    assert sorted(row[7] for row in rows[1:]) == ["100.0%", "40.0%"]


def test_a_unit_sees_the_board_but_cannot_move_the_round(pcast, app):
    round_id, _ = pcast.round_in("voting")
    browser = app.test_client()
    token = admin_login(browser, "unit1")
    assert "结束票决" not in page_text(browser, f"/admin/projects/{round_id}")
    assert browser.post(f"/admin/projects/{round_id}/move/close-vote",
                        data={"csrf_token": token}).status_code == 403
    assert browser.get(f"/admin/projects/{round_id}/turnout.json").status_code == 403
    assert pcast.read_round(round_id)["round"]["state"] == "voting"
