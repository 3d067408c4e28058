"""A suggestion move sent again with its Idempotency-Key (a phone's network retry, a form
posted twice) gets the first try's result: no second timeline entry, notification or
counter move, however late; the same key with another body or move is 409; one caller's
key never stands for another's move; without a key every call is judged anew, as before."""
from datetime import datetime, timezone

import pytest

from functions.notifications.log import list_records
from functions.shared import clock
from functions.suggestions.counters import figures
from tests.case_fixtures import assert_error
from tests.integration.admin_helpers import admin_login
from tests.suggestion_fixtures import ANSWER_B, scast  # noqa: F401

pytestmark = pytest.mark.integration
EXTENSION = {"months": 1, "reason": "需要协调财政资金"}


@pytest.fixture(autouse=True)
def fixed_day():
    clock.set_now(datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc))


def send(caller, sid, path, body=None, key=None):
    return caller.post(f"/api/v1/suggestions/{sid}/{path}", json=body,
                       headers={"Idempotency-Key": key} if key else {})


def twice(caller, sid, path, body=None, key="k-1") -> tuple[dict, dict]:
    first, again = (send(caller, sid, path, body, key) for _ in range(2))
    assert (first.status_code, again.status_code) == (200, 200), again.get_json()
    return first.get_json()["suggestion"], again.get_json()["suggestion"]


def actions(suggestion) -> list[str]:
    return [entry["action"] for entry in suggestion["timeline"]]


def notices(sid: str, event: str) -> int:
    """WeChat notices of `event` in the suggestion's list (its SMS show there too, as the
    batches that listed it: functions/notifications/sms_pointers.py)."""
    return sum(1 for r in list_records(actor={"region_id": "demo"}, record_id=sid,
                                       channel="wechat", limit=100)["items"]
               if r["event"] == event)


def test_a_submit_sent_twice_with_its_key_is_one_entry_and_one_notice(scast):
    sid = scast.draft(0, cosigners=(1,))["id"]
    scast.deputy(1).ok("POST", f"/api/v1/suggestions/{sid}/cosign", json={"decision": "sign"})
    first, again = twice(scast.deputy(0), sid, "submit")
    assert again["timeline"] == first["timeline"] and again["status"] == "submitted"
    assert actions(scast.read_suggestion(sid)).count("submit") == 1
    assert notices(sid, "suggestion_submit") == 1  # the co-signer's, by WeChat
    assert not {"retry_key", "retry_body"} & set(first["timeline"][-1])


def test_a_cosigners_join_sent_twice_answers_and_another_callers_key_acts_anew(scast):
    sid = scast.draft(0, cosigners=(1, 2))["id"]
    first, again = twice(scast.deputy(1), sid, "cosign", {"decision": "sign"}, key="same")
    assert again["cosigners"] == first["cosigners"]
    other = send(scast.deputy(2), sid, "cosign", {"decision": "sign"}, key="same")
    assert other.status_code == 200
    stored = scast.read_suggestion(sid)
    assert actions(stored).count("cosign") == 2
    assert [c["status"] for c in stored["cosigners"]] == ["signed", "signed"]
    assert notices(sid, "suggestion_cosign") == 2  # one each, none twice


def test_a_units_answer_retried_moves_no_counter_twice_even_after_the_evaluation(scast):
    sid = scast.suggestion_at("in_progress")
    scast.act(sid, "contact")
    assert send(scast.unit, sid, "answer", ANSWER_B, key="a-1").status_code == 200
    counted = figures("demo")
    assert send(scast.unit, sid, "answer", ANSWER_B, key="a-1").status_code == 200
    assert figures("demo") == counted
    evaluated = scast.act(sid, "evaluate")
    late = send(scast.unit, sid, "answer", ANSWER_B, key="a-1")
    assert late.status_code == 200
    assert late.get_json()["suggestion"]["timeline"] == evaluated["timeline"]
    assert actions(evaluated).count("answer") == 1 and notices(sid, "suggestion_answer") == 1


def test_an_extension_request_and_its_decision_retried_are_made_once(scast):
    sid = scast.suggestion_at("in_progress")
    first, again = twice(scast.unit, sid, "extension", EXTENSION, key="x-1")
    assert again["extension"] == first["extension"]
    decided, retried = twice(scast.office, sid, "extension/decision", {"grant": True},
                             key="x-1")  # the office's key, not the unit's: its own move
    assert retried["deadlines"] == decided["deadlines"]
    stored = scast.read_suggestion(sid)
    assert actions(stored).count("request_extension") == 1
    assert actions(stored).count("decide_extension") == 1


def test_a_contact_sent_twice_is_one_contact_and_without_or_with_a_new_key_a_new_one(scast):
    sid = scast.suggestion_at("in_progress")
    body = {"method": "phone", "note": "电话联系代表"}
    twice(scast.unit, sid, "contact", body)
    assert len(scast.read_suggestion(sid)["contacts"]) == 1
    for key in (None, None, "k-2"):
        assert send(scast.unit, sid, "contact", body, key).status_code == 200
    assert len(scast.read_suggestion(sid)["contacts"]) == 4


def test_the_same_key_with_another_body_or_move_is_a_conflict(scast):
    sid = scast.suggestion_at("in_progress")
    body = {"method": "phone", "note": "电话联系代表"}
    assert send(scast.unit, sid, "contact", body, key="c-1").status_code == 200
    assert_error(send(scast.unit, sid, "contact", {**body, "note": "上门走访"}, key="c-1"),
                 409, "conflict", "Idempotency-Key")
    assert_error(send(scast.unit, sid, "extension", EXTENSION, key="c-1"),
                 409, "conflict", "Idempotency-Key")
    stored = scast.read_suggestion(sid)
    assert len(stored["contacts"]) == 1 and "request_extension" not in actions(stored)


def test_an_unusable_key_is_a_validation_error(scast):
    sid = scast.suggestion_at("draft")
    assert_error(send(scast.deputy(0), sid, "submit", key="x" * 101), 400,
                 "validation_error", "Idempotency-Key")
    assert scast.read_suggestion(sid)["status"] == "draft"


def test_an_admin_form_posted_twice_moves_once(app, scast):
    import re
    sid = scast.suggestion_at("in_progress")
    unit = app.test_client()
    token = admin_login(unit, "unit1")
    page = unit.get(f"/admin/suggestions/{sid}").get_data(as_text=True)
    key = re.search(r'name="idempotency_key" value="([^"]+-contact)"', page).group(1)
    form = {"csrf_token": token, "action": "contact", "method": "visit", "note": "上门走访",
            "idempotency_key": key}
    sent = [unit.post(f"/admin/suggestions/{sid}/act", data=form) for _ in range(2)]
    assert [r.status_code for r in sent] == [302, 302]
    assert len(scast.read_suggestion(sid)["contacts"]) == 1
    assert key not in unit.get(f"/admin/suggestions/{sid}").get_data(as_text=True)


def test_the_api_document_offers_the_optional_key_on_every_move(client):
    from miniprogram_api.api.suggestions import ACTIONS
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ACTIONS:
        params = paths[f"/api/v1/suggestions/{{suggestion_id}}/{path}"]["post"]["parameters"]
        assert {"name": "Idempotency-Key", "in": "header", "required": False} in [
            {k: p.get(k) for k in ("name", "in", "required")} for p in params], path
