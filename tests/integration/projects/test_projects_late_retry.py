"""A candidate or a comment sent again with its Idempotency-Key after the round moved on
(the phone retrying late) gets the stored one back, not a 409 for the round's state; the
same key with another text is a conflict, a new key is refused as before, and a deputy
who lost the right is still 403."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from tests.case_fixtures import assert_error
from tests.integration.projects_cast import pcast  # noqa: F401
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
DAY = datetime(2027, 3, 1, 2, tzinfo=timezone.utc)
IDEA = {"title": "口袋公园", "description": "在城关镇建三个口袋公园。"}
WORDS = {"content": "进度偏慢，请加快。"}


@pytest.fixture(autouse=True)
def fixed_day():
    clock.set_now(DAY)


def candidates_path(round_id: str) -> str:
    return f"/api/v1/project-rounds/{round_id}/candidates"


def test_a_candidate_proposed_again_once_voting_opened_is_answered_from_the_store(pcast):
    round_id, ids = pcast.round_in("collecting")
    headers, deputy = pcast.key(), pcast.deputy(1)
    first = deputy.ok("POST", candidates_path(round_id), 201, headers=headers, json=IDEA)
    first = first["candidate"]
    pcast.office.ok("POST", f"/api/v1/staff/project-rounds/{round_id}/shortlist",
                    json={"candidate_ids": ids})
    pcast.move(round_id, "open-vote")
    again = deputy.ok("POST", candidates_path(round_id), 200, headers=headers,
                      json=IDEA)["candidate"]
    assert again == first
    listed = pcast.read_round(round_id)["candidates"]
    assert [c["id"] for c in listed if c["title"] == IDEA["title"]] == [first["id"]]
    assert_error(deputy.post(candidates_path(round_id), headers=headers,
                             json={**IDEA, "title": "另一个"}), 409, "conflict",
                 "Idempotency-Key")
    assert_error(deputy.post(candidates_path(round_id), headers=pcast.key(), json=IDEA),
                 409, "invalid_transition")


def test_the_offices_candidate_resent_late_is_its_own_and_no_one_elses(pcast):
    round_id, ids = pcast.round_in("collecting")
    headers = pcast.key()
    first = pcast.office.ok("POST", candidates_path(round_id), 201, headers=headers,
                            json=IDEA)["candidate"]
    pcast.office.ok("POST", f"/api/v1/staff/project-rounds/{round_id}/shortlist",
                    json={"candidate_ids": ids})
    pcast.move(round_id, "open-vote")
    again = pcast.office.ok("POST", candidates_path(round_id), 200, headers=headers,
                            json=IDEA)["candidate"]
    assert again["id"] == first["id"]
    # the same key from a deputy names another candidate: none exists, so refused as new
    assert_error(pcast.deputy(0).post(candidates_path(round_id), headers=headers, json=IDEA),
                 409, "invalid_transition")


def test_a_comment_sent_again_after_the_evaluation_closed_is_answered_from_the_store(pcast):
    round_id, _ = pcast.round_in("evaluating")
    project = pcast.projects(round_id)[0]["id"]
    path, headers, deputy = f"/api/v1/projects/{project}/comments", pcast.key(), pcast.deputy(0)
    first = deputy.ok("POST", path, 201, headers=headers, json=WORDS)["comment"]
    pcast.move(round_id, "close-evaluation")
    again = deputy.ok("POST", path, 200, headers=headers, json=WORDS)["comment"]
    assert again == first
    page = pcast.office.ok("GET", f"/api/v1/projects/{project}")
    assert [c["id"] for c in page["comments"]] == [first["id"]]
    assert_error(deputy.post(path, headers=headers, json={"content": "另一条"}), 409,
                 "conflict", "Idempotency-Key")
    assert_error(deputy.post(path, headers=pcast.key(), json=WORDS), 409,
                 "invalid_transition")


def test_a_deactivated_deputy_resending_a_comment_late_is_forbidden(pcast):
    round_id, _ = pcast.round_in("evaluating")
    project = pcast.projects(round_id)[0]["id"]
    path, headers, deputy = f"/api/v1/projects/{project}/comments", pcast.key(), pcast.deputy(0)
    deputy.ok("POST", path, 201, headers=headers, json=WORDS)
    pcast.move(round_id, "close-evaluation")
    pcast.office.ok("POST", f"/api/v1/staff/deputies/{pcast.deputy_id(0)}/deactivate")
    assert_error(deputy.post(path, headers=headers, json=WORDS), 403, "forbidden")


def test_a_new_candidate_or_comment_reads_nothing_more_for_its_key(pcast):
    collecting, _ = pcast.round_in("collecting")
    under_way, _ = pcast.round_in("in_progress")
    project = pcast.projects(under_way)[0]["id"]
    deputy = pcast.deputy(0)  # logged in and bound before counting
    with StoreCallCounter() as counter:
        counter.take()
        deputy.ok("POST", candidates_path(collecting), 201, headers=pcast.key(), json=IDEA)
        proposing = [c.key for c in counter.take() if c.operation == "GetItem"]
        deputy.ok("POST", f"/api/v1/projects/{project}/comments", 201, headers=pcast.key(),
                  json=WORDS)
        commenting = [c.key for c in counter.take() if c.operation == "GetItem"]
    assert proposing.count("PROUND") == 1  # the round; not the candidate's key
    assert commenting.count("PROJECT") == 1 and commenting.count("PROUND") == 1
