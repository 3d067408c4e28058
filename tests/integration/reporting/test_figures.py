"""The dashboard's figures as the office reads them: one case, one final rating."""
import pytest

from tests.case_fixtures import cast  # noqa: F401

pytestmark = pytest.mark.integration


def test_unsatisfied_then_satisfied_after_the_rework_is_one_satisfied_case(cast):
    case_id = cast.case_at("answered")
    cast.step(case_id, "rating", body={"rating": "unsatisfied", "comment": "没修好"})
    during = cast.office.ok("GET", "/api/v1/staff/stats")
    assert during["ratings"] == {"unsatisfied": 1} and during["satisfaction_rate"] == 0.0
    cast.step(case_id, "sign")
    cast.step(case_id, "answer")
    cast.step(case_id, "rating", body={"rating": "satisfied"})
    stats = cast.office.ok("GET", "/api/v1/staff/stats")
    assert {k: v for k, v in stats["ratings"].items() if v} == {"satisfied": 1}
    assert stats["satisfaction_rate"] == 1.0
