"""A second report for the same month replaces the first: a photo only the replaced report
showed is free again for anything else, one both reports show stays the project's."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from tests.case_fixtures import assert_error
from tests.integration.projects_cast import pcast  # noqa: F401

pytestmark = pytest.mark.integration
DAY = datetime(2026, 12, 1, 2, tzinfo=timezone.utc)


def test_a_photo_only_the_replaced_report_showed_can_be_attached_elsewhere(pcast):
    clock.set_now(DAY)
    first, second = pcast.two_under_way()
    dropped, kept = (pcast.unit.upload_photo(color)["file_id"]
                     for color in ((10, 10, 10), (20, 20, 20)))
    report = {"month": "2027-05", "percent": 10, "content": "开工"}
    pcast.unit.ok("POST", f"/api/v1/projects/{first}/progress",
                  json={**report, "photos": [dropped, kept]})
    shown = pcast.unit.ok("POST", f"/api/v1/projects/{first}/progress",
                          json={**report, "content": "开工，补充说明", "photos": [kept]})["project"]
    assert [e["photos"] for e in shown["progress"]] == [[kept]]
    assert "uploader" not in shown["progress"][0]
    assert_error(pcast.unit.post(f"/api/v1/projects/{second}/progress",
                                 json={**report, "photos": [kept]}), 409, "conflict", "photos")
    taken = pcast.unit.ok("POST", f"/api/v1/projects/{second}/progress",
                          json={**report, "photos": [dropped]})["project"]
    assert [e["photos"] for e in taken["progress"]] == [[dropped]]
