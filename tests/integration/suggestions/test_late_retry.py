"""A draft or a comment sent again with its Idempotency-Key after things moved on (the
phone retrying late) gets the stored one back instead of being checked again as new: a
draft whose co-signer was deactivated since, a comment on a suggestion handled again.
The same key with another request is 409; a new key is refused as before."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from tests.case_fixtures import assert_error
from tests.suggestion_fixtures import DRAFT, scast  # noqa: F401

pytestmark = pytest.mark.integration
PATH = "/api/v1/deputy/suggestions"
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def fixed_day():
    clock.set_now(T0)


def test_a_draft_sent_again_after_its_cosigner_left_is_answered_from_the_store(scast):
    lead, headers = scast.deputy(0), {"Idempotency-Key": "with-cosigner"}
    body = {**DRAFT, "cosigner_ids": [scast.deputy_id(1)]}
    first = lead.ok("POST", PATH, 201, headers=headers, json=body)["suggestion"]
    scast.office.ok("POST", f"/api/v1/staff/deputies/{scast.deputy_id(1)}/deactivate")
    again = lead.ok("POST", PATH, 200, headers=headers, json=body)["suggestion"]
    assert (again["id"], again["status"], again["title"]) == (
        first["id"], "cosigning", DRAFT["title"])
    assert [s["id"] for s in lead.ok("GET", PATH)["items"]] == [first["id"]]
    assert_error(lead.post(PATH, headers=headers, json={**body, "title": "另一个建议"}),
                 409, "conflict", "Idempotency-Key")
    assert_error(lead.post(PATH, headers={"Idempotency-Key": "new"}, json=body), 400,
                 "validation_error", "cosigner_ids")


def test_a_retry_on_a_full_day_with_another_request_is_a_conflict(scast):
    from functions.suggestions.drafting import DRAFTS_PER_DAY
    lead = scast.deputy(0)
    for n in range(DRAFTS_PER_DAY):
        lead.ok("POST", PATH, 201, headers={"Idempotency-Key": f"day-{n}"}, json=DRAFT)
    assert_error(lead.post(PATH, headers={"Idempotency-Key": "day-0"},
                           json={**DRAFT, "title": "另一个建议"}), 409, "conflict",
                 "Idempotency-Key")


def test_a_comment_sent_again_once_the_suggestion_is_handled_again_is_answered(scast):
    answered = scast.suggestion_at("answered")
    path, headers = f"/api/v1/suggestions/{answered}/comments", {"Idempotency-Key": "c1"}
    commenter = scast.deputy(2)
    first = commenter.ok("POST", path, 201, headers=headers, json={"content": "赞同"})
    scast.act(answered, "evaluate_unsatisfied")  # back to in_progress: no new comments
    again = commenter.ok("POST", path, 200, headers=headers, json={"content": "赞同"})
    assert again["comment"] == first["comment"]
    assert [c["id"] for c in commenter.ok("GET", path)["items"]] == [first["comment"]["id"]]
    assert_error(commenter.post(path, headers=headers, json={"content": "反对"}), 409,
                 "conflict", "Idempotency-Key")
    assert_error(commenter.post(path, headers={"Idempotency-Key": "c2"},
                                json={"content": "赞同"}), 409, "invalid_transition")


def test_another_comment_under_a_used_key_is_a_conflict_not_the_first_one(scast):
    answered = scast.suggestion_at("answered")
    path, headers = f"/api/v1/suggestions/{answered}/comments", {"Idempotency-Key": "c1"}
    scast.deputy(2).ok("POST", path, 201, headers=headers, json={"content": "赞同"})
    assert_error(scast.deputy(2).post(path, headers=headers, json={"content": "反对"}), 409,
                 "conflict", "Idempotency-Key")
