"""Answer deadlines: 3 months from assignment (region setting), extensions up to 6 months
in all, reminders and overdue flags from the same sweep and `due` index as cases."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.cases import sweep
from functions.shared import clock
from tests.case_fixtures import assert_error
from tests.suggestion_fixtures import scast  # noqa: F401

pytestmark = pytest.mark.integration
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)
DUE = datetime(2026, 6, 2, 2, 0, tzinfo=timezone.utc)


def assigned(scast) -> str:
    clock.set_now(T0)
    sid = scast.suggestion_at("assigned")
    assert scast.read_suggestion(sid)["deadlines"] == {"answer": "2026-06-02T02:00:00Z"}
    return sid


def reminded(sid):
    from functions.suggestions import repository
    return repository.get(sid)["reminded"]


def texted(scast) -> list[str]:
    """The phones SMS went to (staff have no WeChat identity in the demo)."""
    rows = scast.office.ok("GET", "/api/v1/staff/notifications?channel=sms&limit=100")["items"]
    return sorted(r["recipient"] for r in rows)


def test_the_region_setting_sets_the_months_to_answer(scast):
    from functions.org import region_settings
    admin = {"kind": "staff", "role": "admin", "region_id": "demo", "username": "admin"}
    current = region_settings.current(actor=admin)
    region_settings.save(actor=admin, categories=current["categories"],
                         time_limits={"suggestion_answer_months": "2"})
    assert region_settings.current(actor=admin)["time_limits"]["unit_answer_days"] == 20
    clock.set_now(T0)
    sid = scast.suggestion_at("assigned")
    assert scast.read_suggestion(sid)["deadlines"]["answer"] == "2026-05-02T02:00:00Z"


def test_the_sweep_reminds_the_unit_a_day_before_and_flags_it_overdue_after(scast):
    sid = assigned(scast)
    assert sweep.run(now=DUE - timedelta(days=2))["reminders"] == 0
    before = texted(scast)
    first = sweep.run(now=DUE - timedelta(hours=23))
    assert (first["suggestions_read"], first["reminders"]) == (1, 1)
    assert reminded(sid) == ["answer:due_soon"]
    assert texted(scast) == sorted(before + ["13800000102"])  # the lead unit's staff
    assert sweep.run(now=DUE - timedelta(hours=22))["suggestions_read"] == 0
    sweep.run(now=DUE + timedelta(minutes=1))
    suggestion = scast.read_suggestion(sid)
    assert suggestion["overdue"] is True and suggestion["timeline"][-1]["action"] == "overdue"
    # Flagged again every working morning while it stays overdue (as a case is).
    assert set(reminded(sid)) == {"answer:due_soon", "answer:overdue",
                                  "answer:again@2026-06-03T01:00:00Z"}  # Wednesday 09:00
    assert sweep.run(now=DUE + timedelta(hours=22))["suggestions_read"] == 0
    before = texted(scast)
    morning = datetime(2026, 6, 3, 1, 5, tzinfo=timezone.utc)
    again = sweep.run(now=morning)
    assert (again["suggestions_read"], again["reminders"]) == (1, 1)
    assert len(texted(scast)) > len(before)  # the unit and the office hear of it again
    assert "answer:again@2026-06-04T01:00:00Z" in reminded(sid)
    assert sweep.run(now=morning + timedelta(minutes=15))["suggestions_read"] == 0


def test_an_extension_asked_by_the_unit_and_granted_moves_the_deadline(scast):
    sid = assigned(scast)
    unit, office = scast.unit, scast.office
    asked = unit.ok("POST", f"/api/v1/suggestions/{sid}/extension",
                    json={"months": 2, "reason": "涉及多部门协调"})["suggestion"]
    assert asked["extension"]["status"] == "pending"
    waiting = office.ok("GET", "/api/v1/staff/suggestions?status=assigned")["items"]
    assert [s["id"] for s in waiting] == [sid]
    granted = office.ok("POST", f"/api/v1/suggestions/{sid}/extension/decision",
                        json={"grant": True})["suggestion"]
    assert granted["deadlines"]["answer"] == "2026-08-02T02:00:00Z"
    assert office.ok("GET", "/api/v1/staff/suggestions?status=assigned")["items"] == []
    too_long = unit.post(f"/api/v1/suggestions/{sid}/extension",
                         json={"months": 2, "reason": "还要更久"})
    assert_error(too_long, 400, "validation_error", "months")
    unit.ok("POST", f"/api/v1/suggestions/{sid}/extension", json={"months": 1, "reason": "最后一次"})
    refused = office.ok("POST", f"/api/v1/suggestions/{sid}/extension/decision",
                        json={"grant": False})["suggestion"]
    assert refused["deadlines"]["answer"] == "2026-08-02T02:00:00Z"
    assert refused["extension"]["status"] == "refused"


def test_an_overdue_suggestion_granted_more_time_is_no_longer_overdue(scast):
    sid = assigned(scast)
    sweep.run(now=DUE + timedelta(minutes=1))
    scast.unit.ok("POST", f"/api/v1/suggestions/{sid}/extension",
                  json={"months": 3, "reason": "需要资金安排"})
    granted = scast.office.ok("POST", f"/api/v1/suggestions/{sid}/extension/decision",
                              json={"grant": True})["suggestion"]
    assert granted["overdue"] is False
    assert granted["deadlines"]["answer"] == "2026-09-02T02:00:00Z"
