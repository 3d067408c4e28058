"""The public H5 pages of livelihood projects: a region's projects with progress bars, one
project with its supervisors, reports and comments; nothing personal on them."""
import pytest

from tests.integration.projects_cast import SUPERVISORS, pcast  # noqa: F401

pytestmark = pytest.mark.integration


def test_anyone_sees_the_projects_with_progress_supervisors_and_replies(pcast, client):
    round_id, _ = pcast.round_in("in_progress")
    project = pcast.projects(round_id)[0]
    pcast.assign(project["id"])
    pcast.unit.ok("POST", f"/api/v1/projects/{project['id']}/progress",
                  json={"month": "2027-04", "percent": 35, "content": "管网改造过半。"})
    comment = pcast.deputy(0).ok("POST", f"/api/v1/projects/{project['id']}/comments", 201,
                                 headers=pcast.key(), json={"content": "注意施工安全。"})["comment"]
    pcast.unit.ok("POST", f"/api/v1/projects/{project['id']}/comments/{comment['id']}/reply",
                  json={"content": "已安排专人巡查。"})

    listing = client.get("/h5/projects?region_id=demo&year=2027").get_data(as_text=True)
    assert project["title"] in listing and 'aria-valuenow="35"' in listing
    detail = client.get(f"/h5/projects/{project['id']}").get_data(as_text=True)
    for text in (SUPERVISORS["leader"], "管网改造过半。", "注意施工安全。", "已安排专人巡查。"):
        assert text in detail
    for deputy in pcast.seeded_deputies:
        assert deputy["phone"] not in detail and deputy["id"] not in detail


def test_the_public_list_needs_a_known_region(client, seeded):
    assert client.get("/h5/projects").status_code == 400
    assert client.get("/h5/projects?region_id=nowhere").status_code == 404
    assert client.get("/h5/projects?region_id=demo").status_code == 200
    assert client.get("/h5/projects/none-such").status_code == 404
