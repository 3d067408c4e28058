"""A progress report resent after its photo's week (the unit's phone retrying late) is
taken: the project shows that photo already, so it is not checked again as a new one,
while another project cannot take it then (nor before: it is this one's)."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.cases.photo_day_claims import ATTACHABLE_DAYS
from functions.shared import clock
from tests.case_fixtures import PASSWORD, assert_error
from tests.integration.projects_cast import pcast  # noqa: F401

pytestmark = pytest.mark.integration
DAY = datetime(2026, 12, 1, 2, tzinfo=timezone.utc)


def test_a_progress_report_resent_on_day_nine_is_taken_once(pcast):
    clock.set_now(DAY)
    first, second = pcast.two_under_way()
    photo = pcast.unit.upload_photo()["file_id"]
    body = {"month": "2027-05", "percent": 10, "content": "开工", "photos": [photo]}
    pcast.unit.ok("POST", f"/api/v1/projects/{first}/progress", json=body)
    clock.set_now(DAY + timedelta(days=ATTACHABLE_DAYS + 2))
    unit = pcast.anonymous.as_staff("unit1", PASSWORD)  # a new login: tokens expire meanwhile
    shown = unit.ok("POST", f"/api/v1/projects/{first}/progress", json=body)["project"]
    assert [(e["month"], e["photos"]) for e in shown["progress"]] == [
        ("2027-05", [photo])]
    assert_error(unit.post(f"/api/v1/projects/{second}/progress", json=body), 400,
                 "validation_error", "photos")
