"""A request refused for a race it lost lets go of the photos it had just claimed: only
what a case shows is held by it."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.case_fixtures import live_cast  # noqa: F401

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
