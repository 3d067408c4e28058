"""A request refused for a race it lost lets go of the photos it had just claimed: only
what a case shows is held by it."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.case_fixtures import live_cast  # noqa: F401
from tests.integration.projects_cast import live_pcast  # noqa: F401

pytestmark = pytest.mark.integration
CASES = "/api/v1/cases"


def test_progress_posts_refused_for_a_parallel_one_leave_their_photos_free(live_cast):
    first, second = live_cast.case_at("in_progress"), live_cast.case_at("in_progress")
    unit = live_cast.unit

    def post(photo):
        return unit.post(f"{CASES}/{first}/progress",
                         json={"content": "施工中", "photos": [photo]}).status_code
    photos, statuses = [], []
    for burst in range(5):  # until one loses the race (the first burst nearly always)
        batch = [unit.upload_photo((burst, n, 1))["file_id"] for n in range(4)]
        with ThreadPoolExecutor(max_workers=4) as pool:
            statuses += pool.map(post, batch)
        photos += batch
        if 409 in statuses:
            break
    assert set(statuses) == {200, 409}
    shown = {p["file_id"] for e in live_cast.read(first)["timeline"]
             for p in e.get("photos") or []}
    assert len(shown) == statuses.count(200)
    for photo in set(photos) - shown:  # refused: free for another case
        assert unit.post(f"{CASES}/{second}/progress",
                         json={"content": "开工", "photos": [photo]}).status_code == 200
    for photo in shown:
        assert unit.post(f"{CASES}/{second}/progress",
                         json={"content": "开工", "photos": [photo]}).status_code == 409



def test_project_reports_refused_for_a_parallel_one_leave_their_photos_free(live_pcast):
    round_id, _ = live_pcast.round_in("in_progress")
    first, second = [p["id"] for p in live_pcast.projects(round_id)][:2]
    live_pcast.assign(first), live_pcast.assign(second)
    unit = live_pcast.unit

    def post(percent_and_photo):
        percent, photo = percent_and_photo
        return photo, unit.post(f"/api/v1/projects/{first}/progress", json={
            "month": "2027-05", "percent": percent, "content": "开工",
            "photos": [photo]}).status_code
    outcomes = {}
    for burst in range(5):  # lower percents lose to a higher one saved first (no reason)
        batch = [unit.upload_photo((burst, n, 2))["file_id"] for n in range(4)]
        percents = [100 - 4 * burst - n for n in range(4)][::-1]
        with ThreadPoolExecutor(max_workers=4) as pool:
            outcomes.update(pool.map(post, zip(percents, batch)))
        if 400 in outcomes.values():
            break
    refused = [photo for photo, status in outcomes.items() if status == 400]
    assert refused and set(outcomes.values()) <= {200, 400}
    body = {"month": "2027-05", "percent": 1, "content": "开工"}
    for photo in refused:  # free for another project
        unit.ok("POST", f"/api/v1/projects/{second}/progress", json={**body, "photos": [photo]})
