"""A case item can never approach DynamoDB's 400 KB: repeated progress posts and urges
stop at a clear 409, never a 500, and the case stays readable and movable."""
import pytest

from functions.shared.capacity import MAX_TIMELINE_ENTRIES
from functions.storage import keys
from functions.storage.models import CaseItem
from tests.case_fixtures import assert_error, cast  # noqa: F401

pytestmark = pytest.mark.integration


def post_until_refused(caller, path, body, most):
    for n in range(most):
        response = caller.post(path, json=body)
        if response.status_code != 200:
            return n, response
    raise AssertionError(f"{most} posts were all accepted")


def test_long_progress_posts_stop_at_the_size_bound_with_409(cast):
    case_id = cast.case_at("in_progress")
    text = "进" * 2000  # 6 KB in UTF-8
    accepted, refused = post_until_refused(
        cast.unit, f"/api/v1/cases/{case_id}/progress", {"content": text}, 80)
    assert_error(refused, 409, "conflict", "timeline")
    assert 30 < accepted < MAX_TIMELINE_ENTRIES
    raw = CaseItem.get(keys.case_pk(case_id), keys.META)
    assert len(str(raw.timeline).encode()) < 400 * 1024
    answered = cast.unit.ok("POST", f"/api/v1/cases/{case_id}/answer",
                            json={"content": "已办结"})
    assert answered["case"]["status"] == "answered"  # a short final answer still fits


def test_urging_again_and_again_stops_at_the_entry_bound(cast):
    case_id = cast.case_at("assigned")
    before = len(cast.read(case_id)["timeline"])
    accepted, refused = post_until_refused(
        cast.office, f"/api/v1/cases/{case_id}/urge", {"note": "请尽快"}, 120)
    assert_error(refused, 409, "conflict", "timeline")
    assert before + accepted == MAX_TIMELINE_ENTRIES
    assert cast.read(case_id)["status"] == "assigned"
