"""Every move over HTTP: the allowed ones by status, the rest 409 invalid_transition."""
import pytest

from tests.case_fixtures import assert_error, outcome
from tests.suggestion_fixtures import ANSWER_A, STEPS, scast  # noqa: F401

pytestmark = pytest.mark.integration

# path → (who takes it, body): the caller the table allows, so only the status can refuse.
MOVES = {
    "submit": ("lead", None), "register": ("office", {}),
    "convert": ("office", {"reason": "转来信"}), "return": ("office", {"reason": "请补充"}),
    "assign": ("office", {"unit_id": "u-housing"}), "sign": ("unit", None),
    "contact": ("unit", {"method": "phone", "note": "电话沟通"}),
    "answer": ("unit", ANSWER_A), "evaluation": ("lead", {"rating": "satisfied"}),
    "extension": ("unit", {"months": 1, "reason": "需要协调多部门"}),
    "extension/decision": ("office", {"grant": True}),
    "key": ("office", {"key": True}),
}
# What each status allows over HTTP (cosign and opinion have their own tests).
ALLOWED = {
    "draft": {"submit"}, "submitted": {"register", "convert", "return"},
    "registered": {"assign", "key"}, "converted": set(), "assigned": {"sign", "extension", "key"},
    "in_progress": {"contact", "extension", "key"}, "answered": {"evaluation", "key"},
    "closed": set(),
}


UNASSIGNED = ("draft", "submitted", "registered", "converted")


def test_every_move_a_status_does_not_allow_is_409_and_changes_nothing(scast):
    """Refused by the table (409); a unit before any assignment has no say at all (403)."""
    at = {status: scast.suggestion_at(status) for status in ALLOWED}
    wrong = {}
    for status, sid in at.items():
        before = scast.read_suggestion(sid)
        for path, (who, body) in MOVES.items():
            if path in ALLOWED[status]:
                continue
            got = outcome(scast.caller(who).post(f"/api/v1/suggestions/{sid}/{path}",
                                                 json=body))
            expected = (403, "forbidden") if who == "unit" and status in UNASSIGNED \
                else (409, "invalid_transition")
            if got != expected:
                wrong[(status, path)] = got
        after = scast.read_suggestion(sid)
        assert (after["status"], after["timeline"]) == (before["status"], before["timeline"])
    assert wrong == {}


@pytest.mark.parametrize("status,path", sorted((s, p) for s, paths in ALLOWED.items()
                                               for p in paths))
def test_every_allowed_move_is_taken(scast, status, path):
    sid = scast.suggestion_at(status)
    who, body = MOVES[path]
    moved = scast.caller(who).ok("POST", f"/api/v1/suggestions/{sid}/{path}", json=body)
    assert moved["suggestion"]["timeline"][-1]["status"] == moved["suggestion"]["status"]


def test_a_returned_draft_goes_back_to_its_lead_and_can_be_submitted_again(scast):
    sid = scast.suggestion_at("submitted")
    returned = scast.act(sid, "return")
    assert returned["status"] == "draft"
    assert returned["timeline"][-1]["note"] == "请补充具体地点"
    assert scast.act(sid, "submit")["status"] == "submitted"


def test_converting_keeps_the_reason_and_ends_it(scast):
    sid = scast.suggestion_at("converted")
    suggestion = scast.read_suggestion(sid)
    assert suggestion["timeline"][-1]["note"] == "属于一般来信，转来信办理"
    assert suggestion["allowed_actions"] == []


def test_contacts_recorded_again_and_again_stop_at_the_record_bound_with_409(scast):
    from functions.shared.capacity import MAX_TIMELINE_ENTRIES
    sid = scast.suggestion_at("in_progress")
    before = len(scast.read_suggestion(sid)["timeline"])
    for n in range(MAX_TIMELINE_ENTRIES + 5):
        response = scast.unit.post(f"/api/v1/suggestions/{sid}/contact",
                                   json={"method": "phone", "note": f"第{n}次电话联系"})
        if response.status_code != 200:
            break
    assert_error(response, 409, "conflict", "timeline")
    assert before + n == MAX_TIMELINE_ENTRIES
    assert scast.read_suggestion(sid)["status"] == "in_progress"


def test_answering_before_a_contact_is_409_and_after_one_it_is_answered(scast):
    sid = scast.suggestion_at("in_progress")
    refused = scast.unit.post(f"/api/v1/suggestions/{sid}/answer", json=ANSWER_A)
    assert "contact" in assert_error(refused, 409, "invalid_transition")["message"]
    scast.act(sid, "contact")
    assert scast.act(sid, "answer", body=ANSWER_A)["status"] == "answered"


@pytest.mark.parametrize("body,field", [
    ({"classification": "B", "content": "列入计划"}, "planned_by"),
    ({"classification": "C", "content": "暂难解决"}, "reason"),
    ({"classification": "D", "content": "?"}, "classification"),
    ({"classification": "A"}, "content"),
])
def test_an_answer_carries_its_classification_with_what_it_needs(scast, body, field):
    sid = scast.suggestion_at("in_progress")
    scast.act(sid, "contact")
    assert_error(scast.unit.post(f"/api/v1/suggestions/{sid}/answer", json=body), 400,
                 "validation_error", field)


def test_co_units_sign_and_send_opinions_that_the_lead_unit_and_office_see(scast):
    sid = scast.suggestion_at("assigned")
    co_unit = scast.caller("co_unit")
    assert co_unit.ok("POST", f"/api/v1/suggestions/{sid}/sign")["suggestion"]["status"] == \
        "assigned"
    assert_error(co_unit.post(f"/api/v1/suggestions/{sid}/sign"), 409, "invalid_transition")
    co_unit.ok("POST", f"/api/v1/suggestions/{sid}/opinion", json={"content": "建议同步改造"})
    for reader in (scast.unit, scast.office):
        opinions = scast.read_suggestion(sid, reader)["opinions"]
        assert [(o["unit_id"], o["content"]) for o in opinions] == [("u-transport", "建议同步改造")]
    assert_error(scast.unit.post(f"/api/v1/suggestions/{sid}/opinion",
                                 json={"content": "自己给自己"}), 403, "forbidden")


def test_the_office_marks_a_handled_suggestion_key_and_the_board_shows_it(scast):
    sid = scast.suggestion_at("in_progress")
    marked = scast.office.ok("POST", f"/api/v1/suggestions/{sid}/key", json={"key": True})
    assert marked["suggestion"]["key"] is True and marked["suggestion"]["status"] == "in_progress"
    from functions.suggestions import statistics
    office = {"kind": "staff", "role": "office", "region_id": "demo", "username": "office"}
    assert [s["id"] for s in statistics.key_board(actor=office)] == [sid]
    scast.office.ok("POST", f"/api/v1/suggestions/{sid}/key", json={"key": False})
    assert statistics.key_board(actor=office) == []
    assert_error(scast.office.post(f"/api/v1/suggestions/{sid}/key", json={"key": "yes"}),
                 400, "validation_error", "key")
