"""The whole story of a suggestion over HTTP, as the issue tells it."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from functions.duty import repository as duty_records
from tests.suggestion_fixtures import ANSWER_A, ANSWER_B, scast  # noqa: F401

pytestmark = pytest.mark.integration
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)


def test_two_cosigners_one_declines_registered_assigned_answered_twice_closed(scast):
    clock.set_now(T0)
    lead, signer, decliner = scast.deputy(0), scast.deputy(1), scast.deputy(2)
    office, unit, co_unit = scast.office, scast.unit, scast.other_unit("u-transport")
    draft = scast.draft(0, cosigners=(1, 2))
    sid = draft["id"]
    assert draft["status"] == "cosigning"
    assert [c["status"] for c in draft["cosigners"]] == ["invited", "invited"]
    signer.ok("POST", f"/api/v1/suggestions/{sid}/cosign", json={"decision": "sign"})
    declined = decliner.ok("POST", f"/api/v1/suggestions/{sid}/cosign",
                           json={"decision": "decline"})["suggestion"]
    assert {c["deputy_id"]: c["status"] for c in declined["cosigners"]} == {
        scast.deputy_id(1): "signed", scast.deputy_id(2): "declined"}
    assert lead.ok("POST", f"/api/v1/suggestions/{sid}/submit")["suggestion"]["status"] == \
        "submitted"
    registered = office.ok("POST", f"/api/v1/suggestions/{sid}/register",
                           json={"key": True})["suggestion"]
    assert registered["status"] == "registered" and registered["number"] == "2026-1"
    assert registered["key"] is True
    # The duty records of the registration: lead 5, the co-signer who signed 2, not the decliner.
    assert suggestion_points(sid, scast.deputy_id(0)) == [5]
    assert suggestion_points(sid, scast.deputy_id(1)) == [2]
    assert suggestion_points(sid, scast.deputy_id(2)) == []
    assigned = office.ok("POST", f"/api/v1/suggestions/{sid}/assign", json={
        "unit_id": "u-housing", "co_unit_ids": ["u-transport"]})["suggestion"]
    assert assigned["deadlines"]["answer"] == "2026-06-02T02:00:00Z"
    assert unit.ok("POST", f"/api/v1/suggestions/{sid}/sign")["suggestion"]["status"] == \
        "in_progress"
    unit.ok("POST", f"/api/v1/suggestions/{sid}/contact",
            json={"method": "visit", "note": "上门走访代表"})
    co_unit.ok("POST", f"/api/v1/suggestions/{sid}/opinion", json={"content": "配合提供交通数据"})
    seen_by_lead_unit = scast.read_suggestion(sid, unit)
    assert [o["content"] for o in seen_by_lead_unit["opinions"]] == ["配合提供交通数据"]
    answered = unit.ok("POST", f"/api/v1/suggestions/{sid}/answer", json=ANSWER_B)["suggestion"]
    assert answered["status"] == "answered"
    assert answered["answers"][0]["planned_by"] == "2027-06"
    again = lead.ok("POST", f"/api/v1/suggestions/{sid}/evaluation",
                    json={"rating": "unsatisfied", "comment": "太慢"})["suggestion"]
    assert (again["status"], again["rehandle_count"]) == ("in_progress", 1)
    closed = unit.ok("POST", f"/api/v1/suggestions/{sid}/answer", json=ANSWER_A)["suggestion"]
    assert closed["status"] == "closed"
    rated = lead.ok("POST", f"/api/v1/suggestions/{sid}/evaluation",
                    json={"rating": "unsatisfied"})["suggestion"]
    assert rated["status"] == "closed"
    actions = [e["action"] for e in scast.read_suggestion(sid)["timeline"]]
    assert actions == ["create", "cosign", "cosign", "submit", "register", "assign", "sign",
                       "contact", "opinion", "answer", "evaluate", "answer", "evaluate"]


def suggestion_points(suggestion_id: str, deputy_id: str) -> list[int]:
    """The points of the deputy's verified duty records made from this suggestion."""
    return [r["points"] for r in duty_records.of_deputy(deputy_id)
            if r["source"] == "suggestion" and r["ref"] == suggestion_id
            and r["status"] == "verified"]
