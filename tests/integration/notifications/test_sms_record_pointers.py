"""A case's own notification list shows each SMS that told someone of it, sent at once or in
a digest, once per batch; the region's list keeps one entry per batch, and another
region's staff still cannot read the case's list (functions/notifications/sms_pointers.py)."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.identity import staff_accounts
from functions.notifications import drain as notify
from functions.org import regions
from functions.shared import clock
from tests.case_fixtures import PASSWORD, cast  # noqa: F401 (a fixture)
from tests.integration.admin_helpers import admin_login

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # a Monday, 10:00 in Shanghai
NOTICES = "/api/v1/staff/notifications"


def at(minutes: int) -> str:
    moment = T0 + timedelta(minutes=minutes)
    clock.set_now(moment)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def forwarded_assigned_and_urged(cast) -> tuple[str, dict]:
    """A case told to the deputy and the office in their digests, to the unit at once
    (assigned) and in its digest (urged), the office and the deputy having had their SMS
    at once of an earlier case; (its id, when each phone's SMS about it went)."""
    at(0)
    cast.case_at("forwarded")  # the deputy's and the office's SMS sent at once
    at(5)
    case_id = cast.case_at("forwarded")  # waits for their digests
    assigned = at(10)
    cast.step(case_id, "assign")  # the unit's first SMS: at once
    at(15)
    cast.office.ok("POST", f"/api/v1/cases/{case_id}/urge", json={"note": "请尽快签收"})
    notify.run(now=T0 + timedelta(minutes=61))  # the deputy's and the office's digests
    notify.run(now=T0 + timedelta(minutes=71))  # the unit's: its hour began at the assign
    notify.run(now=T0 + timedelta(hours=3))  # nothing left
    return case_id, {"digest": "2026-11-30T03:01:00Z", "unit_digest": "2026-11-30T03:11:00Z",
                     "assigned": assigned}


def test_the_cases_list_shows_each_sms_about_it_once_with_who_when_result_and_event(cast):
    case_id, sent = forwarded_assigned_and_urged(cast)
    rows = cast.office.ok("GET", f"{NOTICES}?record_id={case_id}&channel=sms")["items"]
    assert sorted((r["at"], r["recipient_name"], r["event"], r["result"],
                   r["payload"]["sent_as"]) for r in rows) == [
        (sent["assigned"], "承办单位 unit1", "case_assign", "recorded", "at_once"),
        (sent["digest"], "人大办 office", "case_forward", "recorded", "digest"),
        (sent["digest"], "代表 张建国", "case_submit", "recorded", "digest"),
        (sent["unit_digest"], "承办单位 unit1", "case_urge", "recorded", "digest")]
    assert {(r["channel"], r["record_kind"], r["record_id"]) for r in rows} == {
        ("sms", "case", case_id)}
    assert all("13800000" not in (r["detail"] or "") for r in rows)  # masked as ever
    everything = cast.office.ok("GET", f"{NOTICES}?record_id={case_id}&limit=100")["items"]
    assert len(everything) == len({r["id"] for r in everything})  # each batch once


def test_the_regions_list_keeps_one_entry_per_batch(cast):
    case_id, _ = forwarded_assigned_and_urged(cast)
    region = cast.office.ok("GET", f"{NOTICES}?channel=sms&limit=100")["items"]
    batches = [r for r in region if r["event"] == "sms_digest"]
    # The deputy and the office: at once, then a digest; the unit: at once, then a digest.
    assert len(batches) == len({r["id"] for r in batches}) == 6
    assert [r for r in region if r["record_id"] == case_id] == []  # no pointer in it
    own = cast.office.ok("GET", f"{NOTICES}?record_id={case_id}&channel=sms")["items"]
    assert len(own) == 4 and {r["id"] for r in own} <= {r["id"] for r in batches}


def test_another_regions_staff_still_cannot_read_the_cases_list(cast):
    case_id, _ = forwarded_assigned_and_urged(cast)
    regions.create_region(region_id="east", name="东区")
    staff_accounts.create_account(username="office_east", password=PASSWORD, role="office",
                                  region_id="east")
    own = cast.office.ok("GET", f"{NOTICES}?record_id={case_id}&channel=sms")["items"]
    assert len(own) == 4  # the pointers its own region's office reads
    answer = cast.staff("office_east").call("GET", f"{NOTICES}?record_id={case_id}")
    assert answer.status_code == 403
    assert cast.staff("office_east").ok("GET", f"{NOTICES}?channel=sms")["items"] == []


def test_the_admin_case_filter_shows_the_sms_with_how_it_went(cast, client):
    case_id, _ = forwarded_assigned_and_urged(cast)
    admin_login(client, "office")
    page = client.get(f"/admin/notifications?record_id={case_id}&channel=sms").get_data(
        as_text=True)
    rows = page.split("<tbody>")[1].split("<tr")[1:]
    assert len(rows) == 4 and all("短信" in r and "查看诉求" in r for r in rows)
    assert sum("随待办汇总短信发出" in r for r in rows) == 3
    assert sum("即时短信" in r for r in rows) == 1
    assert "交办" in page and "督办" in page and "13800000102" not in page
