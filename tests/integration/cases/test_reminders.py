"""The reminder sweep: due-soon and overdue notices exactly once, unrated cases closed."""
import subprocess
import sys
import os
from datetime import datetime, timedelta, timezone

import pytest

from functions.shared import clock
from functions.cases import handling, sweep as reminders, submission
from functions.identity import users
from functions.cases import repository as case_repository
from infra import seed

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # Monday 10:00 Asia/Shanghai


@pytest.fixture
def case(store):
    clock.set_now(T0)
    demo = seed.seed_demo()
    citizen = {"kind": "user", "user_id": users.find_or_create(
        user_id=users.wechat_user_id("dev-c"), openid="dev-c").user_id, "roles": ["citizen"]}
    created, _ = submission.submit(actor=citizen, idempotency_key="r1", now=T0, body={
        "entry_code": demo["deputies"][0]["entry_code"], "category": "other",
        "type": "request", "content": "小区门口积水"})
    return created


def events(case_id):
    return [(e["event"], e["audience"]) for e in case_repository.get(case_id)["outbox"] or []]


def test_the_accept_deadline_is_three_working_days_ending_thursday_midnight(case):
    # Submitted Monday: Tue, Wed, Thu are the three working days; due at the end of Thursday.
    assert case["deadlines"] == {"accept": "2026-12-03T16:00:00Z"}


def test_nothing_is_due_before_the_day_before_the_deadline(case):
    assert reminders.run(now=T0 + timedelta(days=2)) == {
        "cases_read": 0, "suggestions_read": 0, "reminders": 0, "unused_uploads_removed": 0}


def test_a_due_soon_reminder_goes_once_even_when_the_sweep_runs_twice(case):
    at = datetime(2026, 12, 3, 0, 0, tzinfo=timezone.utc)
    first = reminders.run(now=at)
    second = reminders.run(now=at + timedelta(minutes=15))
    assert first["reminders"] == 1 and second == {
        "cases_read": 0, "suggestions_read": 0, "reminders": 0, "unused_uploads_removed": 0}
    stored = case_repository.get(case["id"])
    assert stored["reminded"] == ["accept:due_soon"] and not stored["overdue"]


def test_a_passed_deadline_flags_the_case_overdue_and_tells_the_office(case):
    reminders.run(now=datetime(2026, 12, 4, 1, 0, tzinfo=timezone.utc))
    stored = case_repository.get(case["id"])
    assert stored["overdue"] is True
    assert set(stored["reminded"]) == {"accept:due_soon", "accept:overdue",
                                       "accept:again@2026-12-07T01:00:00Z"}
    assert stored["timeline"][-1]["action"] == "overdue"
    from functions.notifications.log import list_records
    recipients = {r["recipient"] for r in list_records(
        actor={"region_id": "demo"}, channel="sms")["items"]}
    assert "13800000101" in recipients  # the office's phone


def test_two_overlapping_sweeps_send_each_reminder_once(case, store):
    at = "2026-12-04T01:00:00Z"
    env = {**os.environ, "STORE_ENDPOINT": store.store_endpoint,
           "TABLE_NAME": store.table_name, "SECRET_KEY": store.secret_key}
    sweeps = [subprocess.Popen([sys.executable, "-m", "functions.cases.sweep", "--now", at],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
              for _ in range(2)]
    for sweep in sweeps:
        assert sweep.wait(timeout=60) == 0, sweep.stderr.read()[-2000:]
    stored = case_repository.get(case["id"])
    assert [e["action"] for e in stored["timeline"]].count("overdue") == 1
    assert sorted(stored["reminded"]) == ["accept:again@2026-12-07T01:00:00Z",
                                          "accept:due_soon", "accept:overdue"]


def test_an_answered_case_nobody_rates_in_seven_days_closes_as_not_rated(case):
    deputy = {"kind": "user", "user_id": "x", "roles": ["deputy"],
              "deputy_id": case["deputy_id"]}
    handling.act(case_id=case["id"], action="accept", actor=deputy, now=T0)
    handling.act(case_id=case["id"], action="reply", actor=deputy, now=T0, body={
        "content": "已联系物业疏通", "resolution": "resolved_on_spot"})
    reminders.run(now=T0 + timedelta(days=6, hours=23))
    assert case_repository.get(case["id"])["status"] == "replied"
    reminders.run(now=T0 + timedelta(days=7, minutes=1))
    closed = case_repository.get(case["id"])
    assert closed["status"] == "closed" and closed["timeline"][-1]["action"] == "close_unrated"
    from functions.reporting.counters import figures
    assert figures("REGION#demo")["rating:not_rated"] == 1


def sms_to(phone: str) -> int:
    from functions.notifications.log import list_records
    return sum(1 for r in list_records(actor={"region_id": "demo"}, channel="sms",
                                       limit=100)["items"] if r["recipient"] == phone)


def test_an_overdue_case_is_flagged_again_every_working_morning_while_it_stays_overdue(case):
    from functions.notifications import drain as notify
    overdue_at = datetime(2026, 12, 4, 1, 0, tzinfo=timezone.utc)  # Friday 09:00 Beijing
    assert reminders.run(now=overdue_at)["reminders"] == 1
    stored = case_repository.get(case["id"])
    assert "accept:again@2026-12-07T01:00:00Z" in stored["reminded"]  # Monday 09:00
    # Saturday and Sunday: nothing is due, nothing read.
    assert reminders.run(now=datetime(2026, 12, 5, 3, 0, tzinfo=timezone.utc))["cases_read"] == 0
    monday = datetime(2026, 12, 7, 1, 5, tzinfo=timezone.utc)
    assert reminders.run(now=monday) == {"cases_read": 1, "suggestions_read": 0, "reminders": 1,
                                         "unused_uploads_removed": 0}
    assert reminders.run(now=monday + timedelta(minutes=15)) == {
        "cases_read": 0, "suggestions_read": 0, "reminders": 0,
        "unused_uploads_removed": 0}
    assert reminders.run(now=monday + timedelta(days=1))["reminders"] == 1  # Tuesday
    notify.run(now=monday + timedelta(days=1, hours=2))
    stored = case_repository.get(case["id"])
    # One timeline entry for the passing; the daily flags are notices, not history.
    assert [e["action"] for e in stored["timeline"]].count("overdue") == 1
    assert sms_to("13800000101") == 3  # the office: Friday, Monday, Tuesday
    assert sms_to("13800000001") == 4  # the deputy holding it: the case, then the same


def test_once_the_deputy_acts_the_daily_flag_of_that_deadline_stops(case):
    reminders.run(now=datetime(2026, 12, 4, 1, 0, tzinfo=timezone.utc))
    deputy = {"kind": "user", "user_id": "x", "roles": ["deputy"],
              "deputy_id": case["deputy_id"]}
    handling.act(case_id=case["id"], action="accept", actor=deputy,
                 now=datetime(2026, 12, 4, 2, 0, tzinfo=timezone.utc))
    assert not [r for r in case_repository.get(case["id"])["reminded"] or []
                if r.startswith("accept")]
    assert reminders.run(now=datetime(2026, 12, 7, 2, 0, tzinfo=timezone.utc))[
        "cases_read"] == 0


def test_a_deputy_accepting_while_the_sweep_flags_the_case_overdue_is_not_refused(case):
    """The sweep writes between the accept's read and its write (a botocore hook runs it
    right after the accept reads the case): the accept retries on the new version."""
    from functions.storage.models import CaseItem
    events = CaseItem._get_connection().connection.client.meta.events
    overdue_at = datetime(2026, 12, 4, 1, 0, tzinfo=timezone.utc)
    swept = []

    def sweep_in_between(**_):
        if not swept:
            swept.append("running")  # the sweep's own reads must not start another
            swept[0] = reminders.sweep_case(case["id"], overdue_at)
    events.register("after-call.dynamodb.GetItem", sweep_in_between, unique_id="race")
    try:
        deputy = {"kind": "user", "user_id": "x", "roles": ["deputy"],
                  "deputy_id": case["deputy_id"]}
        accepted = handling.act(case_id=case["id"], action="accept", actor=deputy,
                                now=overdue_at + timedelta(minutes=1))
    finally:
        events.unregister("after-call.dynamodb.GetItem", unique_id="race")
    assert swept == [1]
    assert [e["action"] for e in accepted["timeline"]] == ["submit", "overdue", "accept"]
