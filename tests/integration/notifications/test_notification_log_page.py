"""The notification log as a clerk reads it: events, channels and results in Chinese,
people by name (a citizen only masked), the technical details folded away."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from functions.cases import handling
from tests.integration.admin_helpers import admin_login

pytestmark = [pytest.mark.integration]


def test_the_log_names_the_deputy_masks_the_citizen_and_folds_the_details(client, seeded):
    clock.set_now(datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc))
    deputy = seeded["deputies"][0]
    token = client.post("/api/v1/auth/wechat", json={"code": "log"}).get_json()["token"]
    case = client.post("/api/v1/cases", headers={"Authorization": f"Bearer {token}",
                                                 "Idempotency-Key": "log-1"}, json={
        "entry_code": deputy["entry_code"], "category": "other", "type": "request",
        "content": "村口路灯不亮", "contact_phone": "13912345678"}).get_json()["case"]
    handling.act(case_id=case["id"], action="accept", now=clock.now(), body={}, actor={
        "kind": "user", "user_id": "w-dep", "roles": ["citizen", "deputy"],
        "deputy_id": deputy["id"]})
    admin_login(client, "office")
    page = client.get("/admin/notifications").get_data(as_text=True)
    assert "代表 张建国" in page and "群众 139****5678" in page
    assert "代表受理" in page and "待办汇总短信" in page and "2026-11-30 10:00" in page
    assert "短信" in page and "微信订阅消息" in page
    assert "未发送</span> <small class=\"reason\">对方未允许此订阅消息</small>" in page
    assert "13912345678" not in page and "13800000001" not in page
    assert "case_accept" not in page.split("<details")[0]  # codes only inside 详情
    # This test's notices only: the demo seed logs its own (the livelihood-project vote).
    rows = [r for r in page.split("<tr")[1:] if "project_" not in r]
    assert sum('<details class="detail"><summary>详情</summary>' in r for r in rows) == 2
    assert "民生实事票决开始" in page and "其他通知" not in page


def test_a_case_filtered_by_channel_fills_its_page_with_that_channel(client, seeded):
    from functions.notifications import log as notification_log
    clock.set_now(datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc))
    token = client.post("/api/v1/auth/wechat", json={"code": "pages"}).get_json()["token"]
    case = client.post("/api/v1/cases", headers={"Authorization": f"Bearer {token}",
                                                 "Idempotency-Key": "pages-1"}, json={
        "entry_code": seeded["deputies"][0]["entry_code"], "category": "other",
        "type": "request", "content": "路面塌陷"}).get_json()["case"]
    for minute, channel in ((1, "wechat"), (2, "sms"), (3, "sms")):
        notification_log.record(case=case, region_id="demo", channel=channel,
                                recipient="deputy:x", event="case_urge", payload={},
                                result="sent",
                                now=datetime(2026, 11, 30, 2, minute, tzinfo=timezone.utc))
    office = {"region_id": "demo"}
    first = notification_log.list_records(actor=office, case_id=case["id"], channel="wechat",
                                          limit=1)
    assert [(r["channel"], r["at"]) for r in first["items"]] == [
        ("wechat", "2026-11-30T02:01:00Z")]
    sms = notification_log.list_records(actor=office, case_id=case["id"], channel="sms",
                                        limit=1)
    assert [r["at"] for r in sms["items"]] == ["2026-11-30T02:03:00Z"]
    after = notification_log.list_records(actor=office, case_id=case["id"], channel="sms",
                                          limit=1, cursor=sms["next_cursor"])
    assert [r["at"] for r in after["items"]] == ["2026-11-30T02:02:00Z"]
