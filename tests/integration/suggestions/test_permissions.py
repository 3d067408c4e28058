"""Who may call each suggestion endpoint: everyone else is 403 (401 without a token)."""
import pytest

from tests.case_fixtures import refusals_that_differ
from tests.suggestion_fixtures import ANSWER_A, scast  # noqa: F401

pytestmark = pytest.mark.integration

# path → (status it is taken in, body, the roles allowed to take it)
ENDPOINTS = {
    "submit": ("draft", None, {"lead"}),
    "cosign": ("cosigning", {"decision": "sign"}, {"invited"}),
    "register": ("submitted", {}, {"office"}),
    "convert": ("submitted", {"reason": "转来信"}, {"office"}),
    "return": ("submitted", {"reason": "请补充"}, {"office"}),
    "assign": ("registered", {"unit_id": "u-housing"}, {"office"}),
    "sign": ("assigned", None, {"unit", "co_unit"}),
    "contact": ("in_progress", {"method": "visit", "note": "走访"}, {"unit"}),
    "opinion": ("in_progress", {"content": "协办意见"}, {"co_unit"}),
    "answer": ("in_progress", ANSWER_A, {"unit"}),
    "extension": ("in_progress", {"months": 1, "reason": "协调"}, {"unit"}),
    "extension/decision": ("in_progress", {"grant": True}, {"office"}),
    "evaluation": ("answered", {"rating": "satisfied"}, {"lead"}),
    "key": ("assigned", {"key": True}, {"office"}),
}


def callers(scast) -> dict:
    return {"lead": scast.deputy(0), "invited": scast.deputy(1), "other_deputy": scast.deputy(2),
            "office": scast.office, "unit": scast.unit, "co_unit": scast.other_unit("u-transport"),
            "other_unit": scast.other_unit("u-agriculture"), "admin": scast.admin,
            "citizen": scast.citizen()}


def at(scast, status: str) -> str:
    """A suggestion led by deputy 0, with deputy 1 invited while co-signing, in `status`."""
    if status == "cosigning":
        return scast.draft(0, cosigners=(1,))["id"]
    sid = scast.suggestion_at(status)
    if status == "in_progress":
        scast.act(sid, "contact")
        scast.unit.ok("POST", f"/api/v1/suggestions/{sid}/extension",
                      json={"months": 1, "reason": "先申请"})
    return sid


def test_every_action_refuses_everyone_but_its_roles(scast):
    people = callers(scast)
    rows = []
    for path, (status, body, allowed) in ENDPOINTS.items():
        sid = at(scast, status)
        if path == "extension":  # `at` left one request waiting; this row asks afresh
            scast.office.ok("POST", f"/api/v1/suggestions/{sid}/extension/decision",
                            json={"grant": False})
        for name, caller in people.items():
            if name not in allowed:
                rows.append((f"{name} {path}", caller, "POST",
                             f"/api/v1/suggestions/{sid}/{path}", {"json": body}))
        rows.append((f"anonymous {path}", caller.with_token(None), "POST",
                     f"/api/v1/suggestions/{sid}/{path}", {"json": body}))
    unauthenticated = {label for label, *_ in rows if label.startswith("anonymous")}
    wrong = refusals_that_differ([r for r in rows if r[0] not in unauthenticated])
    assert wrong == {}
    assert refusals_that_differ([r for r in rows if r[0] in unauthenticated],
                                401, "unauthorized") == {}


def test_a_draft_is_read_by_its_lead_invited_and_office_a_registered_one_by_anyone(scast):
    people = callers(scast)
    draft = scast.draft(0, cosigners=(1,))["id"]
    for name in ("lead", "invited", "office"):
        people[name].ok("GET", f"/api/v1/suggestions/{draft}")
    rows = [(name, people[name], "GET", f"/api/v1/suggestions/{draft}", {})
            for name in ("other_deputy", "unit", "citizen")]
    assert refusals_that_differ(rows) == {}
    assert refusals_that_differ([("anonymous", people["lead"].with_token(None), "GET",
                                  f"/api/v1/suggestions/{draft}", {})], 401, "unauthorized") == {}
    registered = scast.suggestion_at("registered")
    seen = people["citizen"].with_token(None).ok("GET", f"/api/v1/suggestions/{registered}")
    assert "contacts" not in seen["suggestion"] and "allowed_actions" not in seen["suggestion"]


def test_lists_refuse_the_wrong_audience(scast):
    people = callers(scast)
    rows = [("office deputy list", people["office"], "GET", "/api/v1/deputy/suggestions", {}),
            ("citizen deputy list", people["citizen"], "GET", "/api/v1/deputy/suggestions", {}),
            ("deputy staff list", people["lead"], "GET", "/api/v1/staff/suggestions", {}),
            ("admin staff list", people["admin"], "GET", "/api/v1/staff/suggestions", {}),
            ("unit stats", people["unit"], "GET", "/api/v1/staff/suggestions/stats", {}),
            ("deputy stats", people["lead"], "GET", "/api/v1/staff/suggestions/stats", {})]
    assert refusals_that_differ(rows) == {}


def test_a_unit_lists_its_own_and_the_office_what_waits_on_it(scast):
    submitted, assigned = scast.suggestion_at("submitted"), scast.suggestion_at("assigned")
    assert [s["id"] for s in scast.office.ok("GET", "/api/v1/staff/suggestions")["items"]] == \
        [submitted]
    assert [s["id"] for s in scast.unit.ok("GET", "/api/v1/staff/suggestions")["items"]] == \
        [assigned]
    co_unit = scast.other_unit("u-transport")
    assert [s["id"] for s in co_unit.ok("GET", "/api/v1/staff/suggestions")["items"]] == \
        [assigned]
    assert scast.other_unit("u-agriculture").ok("GET", "/api/v1/staff/suggestions")[
        "items"] == []
