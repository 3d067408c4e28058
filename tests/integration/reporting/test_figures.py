"""The dashboard's figures as the office reads them: one case, one final rating, summed
by the drain's refresh a minute after the move (as in production), not per request."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.notifications import drain as notify
from functions.reporting import dashboard_rollups
from functions.shared import clock
from tests.case_fixtures import cast  # noqa: F401

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)


def refreshed_stats(cast, moved_at: datetime) -> dict:
    """The office's figures once the drain has run after the moves made at `moved_at`."""
    notify.run(now=moved_at + timedelta(minutes=1, seconds=1))
    return cast.office.ok("GET", "/api/v1/staff/stats")


def test_unsatisfied_then_satisfied_after_the_rework_is_one_satisfied_case(cast):
    clock.set_now(T0)
    dashboard_rollups.refresh_region("demo", now=T0)
    case_id = cast.case_at("answered")
    cast.step(case_id, "rating", body={"rating": "unsatisfied", "comment": "没修好"})
    assert cast.office.ok("GET", "/api/v1/staff/stats")["ratings"] == {}  # not summed yet
    during = refreshed_stats(cast, T0)
    assert during["ratings"] == {"unsatisfied": 1} and during["satisfaction_rate"] == 0.0
    assert during["figures_at"] == "2026-11-30T02:01:01Z"
    clock.set_now(T0 + timedelta(minutes=5))
    cast.step(case_id, "sign")
    cast.step(case_id, "answer")
    cast.step(case_id, "rating", body={"rating": "satisfied"})
    stats = refreshed_stats(cast, T0 + timedelta(minutes=5))
    assert {k: v for k, v in stats["ratings"].items() if v} == {"satisfied": 1}
    assert stats["satisfaction_rate"] == 1.0
