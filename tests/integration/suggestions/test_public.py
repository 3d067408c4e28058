"""The public list, comments and likes of deputies of the region, and the unit figures."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from tests.case_fixtures import assert_error
from tests.suggestion_fixtures import ANSWER_A, scast  # noqa: F401

pytestmark = pytest.mark.integration
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)


def test_registered_ones_are_public_by_number_with_units_answers_and_no_phone(scast):
    clock.set_now(T0)
    scast.suggestion_at("submitted")  # not registered: not public
    closed = scast.suggestion_at("closed")
    registered = scast.suggestion_at("registered")
    anyone = scast.citizen().with_token(None)
    listed = anyone.ok("GET", "/api/v1/public/suggestions?region_id=demo&year=2026")["items"]
    assert [(s["id"], s["number"]) for s in listed] == [(closed, "2026-1"),
                                                       (registered, "2026-2")]
    first = listed[0]
    assert first["unit_name"] == "示例县住建局" and first["co_units"] == [
        {"id": "u-transport", "name": "示例县交通运输局"}]
    assert first["answers"][0]["classification"] == "B"
    assert first["evaluations"][0]["rating"] == "satisfied"
    assert "13800000001" not in str(listed) and "contacts" not in first
    assert anyone.ok("GET", "/api/v1/public/suggestions?region_id=demo")["items"] == listed
    assert anyone.ok("GET", "/api/v1/public/suggestions?region_id=demo&year=2025")[
        "items"] == []
    assert_error(anyone.get("/api/v1/public/suggestions?year=2026"), 400, "validation_error",
                 "region_id")
    assert_error(anyone.get("/api/v1/public/suggestions?region_id=demo&year=x"), 400,
                 "validation_error", "year")


def test_deputies_of_the_region_comment_on_and_like_answered_ones(scast):
    answered = scast.suggestion_at("answered")
    not_yet = scast.suggestion_at("registered")
    commenter = scast.deputy(2)
    path = f"/api/v1/suggestions/{answered}/comments"
    first = commenter.post(path, headers={"Idempotency-Key": "c1"}, json={"content": "赞同"})
    again = commenter.post(path, headers={"Idempotency-Key": "c1"}, json={"content": "赞同"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["comment"]["id"] == again.get_json()["comment"]["id"]
    assert commenter.ok("POST", f"/api/v1/suggestions/{answered}/likes")["likes"] == 1
    assert commenter.ok("POST", f"/api/v1/suggestions/{answered}/likes")["likes"] == 1
    scast.deputy(1).ok("POST", f"/api/v1/suggestions/{answered}/likes")
    shown = scast.citizen().with_token(None).ok("GET", path)
    assert [c["content"] for c in shown["items"]] == ["赞同"] and shown["likes"] == 2
    assert_error(commenter.post(f"/api/v1/suggestions/{not_yet}/comments",
                                headers={"Idempotency-Key": "c2"}, json={"content": "早了"}),
                 409, "invalid_transition")
    assert_error(scast.citizen().post(path, headers={"Idempotency-Key": "c3"},
                                      json={"content": "群众"}), 403, "forbidden")
    assert_error(scast.office.post(f"/api/v1/suggestions/{answered}/likes"), 403, "forbidden")
    assert_error(commenter.post(path, headers={"Idempotency-Key": "c4"}, json={"content": ""}),
                 400, "validation_error", "content")


def test_unit_figures_count_on_time_answers_classes_and_satisfaction(scast):
    clock.set_now(T0)
    first = scast.suggestion_at("answered")
    scast.act(first, "evaluate_unsatisfied")
    scast.act(first, "answer", body=ANSWER_A)
    scast.suggestion_at("closed")
    figures = scast.office.ok("GET", "/api/v1/staff/suggestions/stats")["units"]
    assert len(figures) == 1
    housing = figures[0]
    assert (housing["unit_id"], housing["assigned"], housing["answers"]) == ("u-housing", 2, 3)
    assert housing["on_time_rate"] == 1.0
    assert housing["shares"] == {"A": round(1 / 3, 4), "B": round(2 / 3, 4), "C": 0.0}
    assert housing["satisfaction_rate"] == 0.5


def test_personal_numbers_written_into_a_suggestion_are_masked_for_the_public(scast):
    clock.set_now(T0)
    sid = scast.draft(0, content="东街路灯坏了，联系人手机13912345678，身份证110101199003071234。")["id"]
    for step in ("submit", "register", "assign", "sign", "contact"):
        scast.act(sid, step)
    scast.act(sid, "answer", body={"classification": "A", "content": "已修复，可致电010-62345678。"})
    scast.deputy(1).ok("POST", f"/api/v1/suggestions/{sid}/comments", 201,
                       headers={"Idempotency-Key": "c1"}, json={"content": "我的电话13987654321"})
    anyone = scast.citizen().with_token(None)
    listed = anyone.ok("GET", "/api/v1/public/suggestions?region_id=demo&year=2026")["items"]
    public = str(listed) + str(anyone.ok("GET", f"/api/v1/suggestions/{sid}/comments"))
    for number in ("13912345678", "110101199003071234", "62345678", "13987654321"):
        assert number not in public
    assert "139****5678" in listed[0]["content"]
    # The office, an insider, still reads what the deputy wrote.
    assert "13912345678" in scast.read_suggestion(sid)["content"]
