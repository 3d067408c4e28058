"""Drafting: co-signers of the region only, each invitation answered once, retries never
duplicate, and a deputy's own cases link to the suggestion and show it on their timeline."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from tests.case_fixtures import assert_error
from tests.suggestion_fixtures import DRAFT, scast  # noqa: F401

pytestmark = pytest.mark.integration
PATH = "/api/v1/deputy/suggestions"


def other_region_deputy(scast) -> str:
    from functions import deputies
    from functions.org import regions
    regions.create_region(region_id="far", name="远方县")
    return deputies.register_deputy(region_id="far", name="赵远", phone="13900000009",
                                    level="county")["id"]


def test_only_other_deputies_of_the_region_can_be_invited(scast):
    lead = scast.deputy(0)
    for wrong in (other_region_deputy(scast), scast.deputy_id(0), "nobody"):
        refused = lead.post(PATH, headers={"Idempotency-Key": f"k-{wrong}"},
                            json={**DRAFT, "cosigner_ids": [wrong]})
        assert_error(refused, 400, "validation_error", "cosigner_ids")


def test_each_invitation_is_answered_once_and_the_lead_waits_for_all(scast):
    sid = scast.draft(0, cosigners=(1, 2))["id"]
    lead, first, second = scast.deputy(0), scast.deputy(1), scast.deputy(2)
    first.ok("POST", f"/api/v1/suggestions/{sid}/cosign", json={"decision": "decline"})
    assert_error(first.post(f"/api/v1/suggestions/{sid}/cosign", json={"decision": "sign"}),
                 409, "invalid_transition")
    assert_error(lead.post(f"/api/v1/suggestions/{sid}/submit"), 409, "invalid_transition")
    assert_error(lead.post(f"/api/v1/suggestions/{sid}/cosign", json={"decision": "sign"}),
                 403, "forbidden")
    assert_error(second.post(f"/api/v1/suggestions/{sid}/cosign", json={"decision": "maybe"}),
                 400, "validation_error", "decision")
    second.ok("POST", f"/api/v1/suggestions/{sid}/cosign", json={"decision": "sign"})
    submitted = lead.ok("POST", f"/api/v1/suggestions/{sid}/submit")["suggestion"]
    assert [(c["name"], c["status"]) for c in submitted["cosigners"]] == [
        ("李秀英", "declined"), ("王德明", "signed")]


def test_invited_and_co_signed_ones_are_in_the_deputys_list(scast):
    clock.set_now(datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc))
    sid = scast.draft(0, cosigners=(1,))["id"]
    clock.set_now(datetime(2026, 3, 2, 3, 0, tzinfo=timezone.utc))
    own = scast.draft(1)["id"]
    listed = scast.deputy(1).ok("GET", PATH)
    assert [s["id"] for s in listed["items"]] == [own, sid]
    assert scast.deputy(2).ok("GET", PATH)["items"] == []
    assert [s["id"] for s in scast.deputy(1).ok("GET", f"{PATH}?status=cosigning")["items"]] \
        == [sid]


def test_the_same_idempotency_key_returns_the_same_suggestion(scast):
    lead = scast.deputy(0)
    first = lead.post(PATH, headers={"Idempotency-Key": "same"}, json=DRAFT)
    again = lead.post(PATH, headers={"Idempotency-Key": "same"}, json=DRAFT)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["suggestion"]["id"] == again.get_json()["suggestion"]["id"]
    assert len(lead.ok("GET", PATH)["items"]) == 1
    changed = lead.post(PATH, headers={"Idempotency-Key": "same"},
                        json={**DRAFT, "title": "另一个建议"})
    assert_error(changed, 409, "conflict", "Idempotency-Key")
    assert_error(lead.post(PATH, json=DRAFT), 400, "validation_error", "Idempotency-Key")


@pytest.mark.parametrize("field,value", [("title", ""), ("session", "annual"),
                                         ("category", "nope"), ("case_ids", "c1"),
                                         ("cosigner_ids", [1])])
def test_a_malformed_draft_is_400_naming_the_field(scast, field, value):
    refused = scast.deputy(0).post(PATH, headers={"Idempotency-Key": "k"},
                                   json={**DRAFT, field: value})
    assert_error(refused, 400, "validation_error", field)


def test_a_deputy_starts_at_most_twenty_drafts_a_day_and_a_retry_still_gets_its_own(scast):
    from functions.suggestions.drafting import DRAFTS_PER_DAY
    lead = scast.deputy(0)
    for n in range(DRAFTS_PER_DAY):
        lead.ok("POST", PATH, 201, headers={"Idempotency-Key": f"day-{n}"}, json=DRAFT)
    again = lead.ok("POST", PATH, 200, headers={"Idempotency-Key": "day-0"}, json=DRAFT)
    refused = lead.post(PATH, headers={"Idempotency-Key": "one-more"}, json=DRAFT)
    assert_error(refused, 429, "rate_limited")
    assert refused.get_json()["error"]["fields"]["retry_after"]
    mine = lead.ok("GET", "/api/v1/deputy/suggestions?limit=100")["items"]
    assert len(mine) == DRAFTS_PER_DAY and again["suggestion"]["id"] in {s["id"] for s in mine}


def test_only_deputies_draft(scast):
    assert_error(scast.citizen().post(PATH, headers={"Idempotency-Key": "k"}, json=DRAFT),
                 403, "forbidden")
    assert_error(scast.office.post(PATH, headers={"Idempotency-Key": "k"}, json=DRAFT),
                 403, "forbidden")


def test_a_deputy_drafts_from_own_cases_which_then_show_it_on_their_timeline(scast):
    mine = scast.case_at("accepted", deputy=0)
    theirs = scast.case_at("accepted", citizen="li", deputy=1)
    refused = scast.deputy(0).post(PATH, headers={"Idempotency-Key": "k"},
                                   json={**DRAFT, "case_ids": [mine, theirs]})
    assert_error(refused, 400, "validation_error", "case_ids")
    sid = scast.draft(0, case_ids=[mine], key="from-cases")["id"]
    case = scast.read(mine, scast.deputy(0))
    assert case["suggestion_ids"] == [sid]
    entry = case["timeline"][-1]
    assert (entry["action"], entry["suggestion_id"], entry["status"]) == (
        "suggestion", sid, "accepted")
    again = scast.deputy(0).post(PATH, headers={"Idempotency-Key": "from-cases"},
                                 json={**DRAFT, "case_ids": [mine]})
    assert again.status_code == 200
    assert [e["action"] for e in scast.read(mine)["timeline"]].count("suggestion") == 1
