"""The suggestion pages: the office reviews, assigns and sees the key board and figures;
the unit signs, records a contact, answers and asks for more time; all through forms."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from tests.integration.admin_helpers import admin_login, csrf_of
from tests.suggestion_fixtures import scast  # noqa: F401

pytestmark = pytest.mark.integration


def act(client, token, sid, action, **fields):
    return client.post(f"/admin/suggestions/{sid}/act",
                       data={"csrf_token": token, "action": action, **fields})


def page(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_the_office_reviews_registers_as_key_and_assigns_through_its_pages(app, scast):
    clock.set_now(datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc))
    sid = scast.suggestion_at("submitted")
    office = app.test_client()
    token = admin_login(office, "office")
    listing = page(office, "/admin/suggestions")
    assert "关于改善东街照明的建议" in listing and "待审核" in listing
    detail = page(office, f"/admin/suggestions/{sid}")
    assert "立案" in detail and "转为来信办理" in detail and "退回修改" in detail
    assert act(office, token, sid, "register", key="1").status_code == 302
    assert "2026-1" in page(office, f"/admin/suggestions/{sid}")
    assert "关于改善东街照明的建议" in page(office, "/admin/suggestions/key")
    assert act(office, token, sid, "assign", unit_id="u-housing",
               co_unit_ids="u-transport").status_code == 302
    assigned = scast.read_suggestion(sid)
    assert (assigned["status"], assigned["key"], assigned["unit_id"]) == (
        "assigned", True, "u-housing")
    refused = act(office, token, sid, "answer", classification="A", content="越权")
    assert refused.status_code == 302 and scast.read_suggestion(sid)["status"] == "assigned"


def test_the_unit_signs_contacts_answers_and_the_office_sees_the_figures(app, scast):
    sid = scast.suggestion_at("assigned")
    unit = app.test_client()
    token = admin_login(unit, "unit1")
    assert "关于改善东街照明的建议" in page(unit, "/admin/suggestions")
    assert act(unit, token, sid, "sign").status_code == 302
    act(unit, token, sid, "answer", classification="A", content="已办")
    assert scast.read_suggestion(sid)["status"] == "in_progress"  # no contact yet: refused
    act(unit, token, sid, "contact", method="meeting", note="座谈听取意见")
    act(unit, token, sid, "request_extension", months="1", reason="需要协调")
    act(unit, token, sid, "answer", classification="C", content="暂难解决",
        reason="资金不足")
    answered = scast.read_suggestion(sid)
    assert answered["status"] == "answered"
    assert answered["answers"][0]["reason"] == "资金不足"
    assert answered["extension"]["status"] == "pending"
    office = app.test_client()
    admin_login(office, "office")
    stats = page(office, "/admin/suggestions/stats")
    assert "示例县住建局" in stats and "100.0%" in stats
    assert unit.get("/admin/suggestions/stats").status_code == 403


def test_pages_need_a_login_and_a_form_needs_its_csrf_token(app, scast):
    sid = scast.suggestion_at("submitted")
    anonymous = app.test_client()
    assert anonymous.get("/admin/suggestions").status_code == 302
    office = app.test_client()
    admin_login(office, "office")
    assert office.post(f"/admin/suggestions/{sid}/act", data={"action": "register"}
                       ).status_code == 400
    assert scast.read_suggestion(sid)["status"] == "submitted"
    assert csrf_of(page(office, f"/admin/suggestions/{sid}"))
