"""Who hears of a suggestion's stages, through the cases' outbox and drain: deputies by
WeChat (here: skipped for want of a subscription credit, which records the attempt) and
SMS, the office and units by SMS."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.shared import clock
from tests.integration.admin_helpers import admin_login
from tests.suggestion_fixtures import scast  # noqa: F401

pytestmark = pytest.mark.integration
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)
OFFICE_PHONE, UNIT_PHONE = "13800000101", "13800000102"


def heard(scast) -> dict:
    """event → who heard of it by WeChat (deputies), and every phone texted."""
    rows = scast.office.ok("GET", "/api/v1/staff/notifications?limit=100")["items"]
    wechat = {}
    for row in rows:
        if row["channel"] == "wechat":
            wechat.setdefault(row["event"], set()).add(row["recipient"])
    return {"wechat": wechat,
            "sms": {r["recipient"] for r in rows if r["channel"] == "sms"}}


def step(hours: int):
    # SMS to one phone are batched per hour: steps hours apart each get their own.
    clock.set_now(T0 + timedelta(hours=hours))


def test_each_stage_reaches_the_deputies_units_and_office_it_concerns(scast):
    lead, signer, decliner = (f"deputy:{scast.deputy_id(i)}" for i in range(3))
    step(0)
    for deputy in range(3):
        scast.deputy(deputy)  # bound to WeChat before anything is sent to them
    sid = scast.draft(0, cosigners=(1, 2))["id"]
    scast.deputy(1).ok("POST", f"/api/v1/suggestions/{sid}/cosign", json={"decision": "sign"})
    scast.deputy(2).ok("POST", f"/api/v1/suggestions/{sid}/cosign", json={"decision": "decline"})
    step(1)
    scast.act(sid, "submit")
    assert OFFICE_PHONE in heard(scast)["sms"]
    step(2)
    scast.act(sid, "register")
    step(3)
    scast.act(sid, "assign")
    assert UNIT_PHONE in heard(scast)["sms"]
    step(4)
    scast.act(sid, "sign")
    scast.act(sid, "contact")
    scast.act(sid, "answer")
    wechat = heard(scast)["wechat"]
    assert wechat["suggestion_invite"] == {signer, decliner}
    assert wechat["suggestion_cosign"] == {lead}
    assert wechat["suggestion_register"] == {lead, signer}  # not the one who declined
    assert wechat["suggestion_assign"] == {lead, signer}
    assert wechat["suggestion_answer"] == {lead, signer}
    assert "suggestion_contact" not in wechat


def test_an_extension_request_reaches_the_office(scast):
    step(0)
    sid = scast.suggestion_at("in_progress")
    step(5)
    scast.unit.ok("POST", f"/api/v1/suggestions/{sid}/extension",
                  json={"months": 1, "reason": "需要协调"})
    rows = scast.office.ok("GET", "/api/v1/staff/notifications?channel=sms&limit=100")["items"]
    assert OFFICE_PHONE in {r["recipient"] for r in rows if r["at"] >= "2026-03-02T07:00:00Z"}


def test_a_deputy_with_a_credit_gets_one_wechat_message_opening_the_suggestion(scast):
    from functions.notifications import drain
    step(0)
    lead = scast.deputy(0)
    lead.ok("POST", "/api/v1/subscriptions", json={"results": {"dev-tpl-case-progress": "accept"}})
    sid = scast.suggestion_at("submitted")
    step(1)
    scast.act(sid, "register")
    drain.run(now=T0 + timedelta(hours=2))  # a later drain finds nothing left to send
    rows = [r for r in scast.office.ok("GET", "/api/v1/staff/notifications?limit=100")["items"]
            if r["channel"] == "wechat" and r["event"] == "suggestion_register"]
    assert [(r["recipient"], r["result"]) for r in rows] == [
        (f"deputy:{scast.deputy_id(0)}", "recorded")]
    assert f"pages/suggestion/detail?id={sid}" in rows[0]["detail"]
    from functions.suggestions import repository
    assert not repository.get(sid).get("outbox")  # every entry finished


def test_the_log_filters_a_suggestions_notices_by_its_id_as_it_does_a_cases(app, scast):
    step(0)
    sid = scast.suggestion_at("assigned")
    other = scast.suggestion_at("submitted", lead=1)
    office = scast.office
    own = office.ok("GET", f"/api/v1/staff/notifications?record_id={sid}&limit=100")["items"]
    assert own and {(r["record_kind"], r["record_id"]) for r in own} == {("suggestion", sid)}
    assert {r["event"] for r in own} >= {"suggestion_register", "suggestion_assign"}
    # Its SMS (each logged once under the region) show in its own list too.
    assert sorted((r["recipient_name"], r["event"]) for r in own if r["channel"] == "sms") == [
        ("人大办 office", "suggestion_submit"), ("代表 张建国", "suggestion_register"),
        ("承办单位 unit1", "suggestion_assign")]
    sms = office.ok("GET", f"/api/v1/staff/notifications?case_id={sid}&channel=wechat")["items"]
    assert sms and {r["channel"] for r in sms} == {"wechat"}
    assert other not in {r["record_id"] for r in own}
    browser = app.test_client()
    admin_login(browser, "office")
    page = browser.get(f"/admin/notifications?record_id={sid}").get_data(as_text=True)
    assert f"/admin/suggestions/{sid}" in page and f"/admin/suggestions/{other}" not in page
    assert office.get("/api/v1/staff/notifications?record_id=s0000000000000000000"
                      ).status_code == 404
    from functions.notifications.log import list_records
    from functions.shared.errors import Forbidden
    with pytest.raises(Forbidden):  # another region's office never reads its notices
        list_records(actor={"region_id": "far"}, record_id=sid)
