"""Working days beyond chinese_calendar: the holidays and working weekends admins enter."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from tests.api_client import assert_error

pytestmark = pytest.mark.integration

# 2027 Spring Festival is 6 February; these are illustrative entries, as an admin would
# type them from the notice (the test needs entered days, not the real notice).
SPRING_FESTIVAL_2027 = [f"2027-02-{d:02d}" for d in range(5, 13)]
ADJUSTED_WORKDAYS_2027 = ["2027-02-14"]  # a Sunday worked
NEW_YEAR_2027 = ["2027-01-01"]


def at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(timezone.utc)


def enter_2027(admin):
    return admin.ok("POST", "/api/v1/staff/calendar", json={
        "year": 2027, "scope": "all", "holidays": NEW_YEAR_2027 + SPRING_FESTIVAL_2027,
        "workdays": ADJUSTED_WORKDAYS_2027})


def test_the_health_check_says_plainly_when_the_next_90_days_are_not_covered(api, seeded):
    clock.set_now(at("2026-11-20T02:00:00Z"))
    health = api.with_token(None).ok("GET", "/api/v1/health")
    assert health["calendar"]["covered"] is False
    assert health["calendar"]["uncovered_years"] == [2027]
    assert "2027年" in health["calendar"]["message"]
    enter_2027(api.as_staff("admin"))
    assert api.with_token(None).ok("GET", "/api/v1/health")["calendar"]["covered"] is True


def test_a_2027_deadline_skips_entered_holidays_and_counts_the_adjusted_sunday(api, seeded):
    enter_2027(api.as_staff("admin"))
    # Thursday 4 Feb 2027, 10:00 Beijing: 3 working days skip 5–12 Feb; Sat 13 Feb is a
    # weekend; Sun 14 Feb (adjusted) and Mon 15, Tue 16 count → end of Tuesday 16 Feb.
    clock.set_now(at("2027-02-04T02:00:00Z"))
    citizen = api.as_citizen("cal-2027")
    case = citizen.ok("POST", "/api/v1/cases", 201, headers={"Idempotency-Key": "c27"}, json={
        "entry_code": seeded["deputies"][0]["entry_code"], "category": "other",
        "type": "request", "content": "春节前路灯坏了"})["case"]
    assert case["deadlines"]["accept"] == "2027-02-16T16:00:00Z"


def test_new_years_day_2027_is_not_a_working_day_once_entered(api, seeded):
    admin = api.as_staff("admin")
    enter_2027(admin)
    clock.set_now(at("2026-12-30T02:00:00Z"))  # Wednesday 30 Dec 2026
    citizen = api.as_citizen("cal-newyear")
    case = citizen.ok("POST", "/api/v1/cases", 201, headers={"Idempotency-Key": "ny"}, json={
        "entry_code": seeded["deputies"][0]["entry_code"], "category": "other",
        "type": "request", "content": "元旦前的诉求"})["case"]
    # Thu 31 Dec, (Fri 1 Jan holiday), Mon 4, Tue 5 → end of Tuesday 5 Jan 2027.
    assert case["deadlines"]["accept"] == "2027-01-05T16:00:00Z"


def test_only_admins_enter_days_and_bad_entries_are_400(api, seeded):
    office = api.as_staff("office")
    assert office.ok("GET", "/api/v1/staff/calendar")["coverage"]["days_ahead"] == 90
    assert_error(office.post("/api/v1/staff/calendar", json={"year": 2027, "scope": "all"}),
                 403, "forbidden")
    admin = api.as_staff("admin")
    wrong = (({"year": 2027, "scope": "all", "holidays": ["2028-01-01"]}, "holidays"),
             ({"year": "2027", "scope": "all"}, "year"),
             ({"year": 2027, "scope": "everywhere"}, "scope"),
             ({"year": 2027, "scope": "all", "holidays": ["2027-02-30"]}, "holidays"),
             ({"year": 2027, "scope": "all", "holidays": ["2027-02-14"],
               "workdays": ["2027-02-14"]}, "workdays"))
    for body, field in wrong:
        response = admin.post("/api/v1/staff/calendar", json=body)
        assert_error(response, 400, "validation_error")
        assert field in admin.json_of(response)["error"]["fields"]


def test_a_regions_own_entries_are_its_own(api, seeded):
    admin = api.as_staff("admin")
    saved = admin.ok("POST", "/api/v1/staff/calendar", json={
        "year": 2027, "scope": "region", "holidays": ["2027-03-03"]})
    assert saved["years"]["2027"]["region"]["holidays"] == ["2027-03-03"]
    from functions.org import calendar as official_calendar
    assert official_calendar.in_force("elsewhere").holidays == frozenset()
    removed = admin.ok("POST", "/api/v1/staff/calendar", json={
        "year": 2027, "scope": "region", "holidays": [], "workdays": []})
    assert removed["years"] == {}


def test_the_admin_enters_a_year_on_its_page_and_every_page_warns_until_then(app, seeded):
    from tests.integration.admin_helpers import admin_login
    clock.set_now(at("2026-12-01T02:00:00Z"))
    page = app.test_client()
    token = admin_login(page, "admin")
    assert "2027年法定节假日和调休安排尚未录入" in page.get("/admin/units").get_data(as_text=True)
    bad = page.post("/admin/calendar", data={"csrf_token": token, "year": "2027",
                                              "scope": "all", "holidays": "2027-13-01"})
    assert bad.status_code == 400 and "放假日期" in bad.get_data(as_text=True)
    saved = page.post("/admin/calendar", data={
        "csrf_token": token, "year": "2027", "scope": "all",
        "holidays": "2027-01-01\n2027-02-06，2027-02-07", "workdays": "2027-02-14"})
    assert saved.status_code == 302
    html = page.get("/admin/calendar").get_data(as_text=True)
    assert "2027-01-01、2027-02-06、2027-02-07" in html and "已全部覆盖" in html
    assert "尚未录入" not in page.get("/admin/units").get_data(as_text=True)


def test_a_towns_admin_enters_its_own_days_but_not_every_regions(seeded):
    from functions.org import calendar as official_calendar, calendar_entries, regions
    from functions.shared.errors import Forbidden
    regions.create_region(region_id="town1", name="城关镇", parent_id="demo")
    town_admin = {"kind": "staff", "username": "townadmin", "role": "admin",
                  "region_id": "town1"}
    now = at("2026-12-01T02:00:00Z")
    with pytest.raises(Forbidden):
        calendar_entries.set_year(actor=town_admin, year=2027, scope="all",
                                  holidays=["2027-01-01"], workdays=[], now=now)
    calendar_entries.set_year(actor=town_admin, year=2027, scope="region",
                              holidays=["2027-01-01"], workdays=[], now=now)
    assert official_calendar.in_force("town1").holidays == frozenset({
        datetime(2027, 1, 1).date()})
    assert official_calendar.in_force("demo").holidays == frozenset()
