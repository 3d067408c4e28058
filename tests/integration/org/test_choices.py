"""What the office and admin choose from: GET /api/v1/staff/units and /deputies, paged,
region-bound, refused to units."""
import pytest

from tests.case_fixtures import PASSWORD, assert_error, cast  # noqa: F401

pytestmark = pytest.mark.integration


def walk(caller, path: str, limit: int = 2) -> list[dict]:
    rows, cursor = [], ""
    for _ in range(20):
        page = caller.ok("GET", f"{path}{'&' if '?' in path else '?'}limit={limit}{cursor}")
        assert len(page["items"]) <= limit
        rows += page["items"]
        if not page["next_cursor"]:
            return rows
        cursor = f"&cursor={page['next_cursor']}"
    raise AssertionError("the list never ended")


def test_office_and_admin_of_the_region_list_its_units_by_name_page_by_page(cast):
    expected = ["u-transport", "u-agriculture", "u-housing"]
    for caller in (cast.office, cast.admin):
        rows = walk(caller, "/api/v1/staff/units")
        assert sorted(r["id"] for r in rows) == sorted(expected)
        assert rows == sorted(rows, key=lambda r: r["name"])
        assert set(rows[0]) == {"id", "name", "active"}


def test_deputies_come_in_pinyin_order_with_phones_for_the_office_alone(cast):
    office_rows = walk(cast.office, "/api/v1/staff/deputies")
    assert [r["name"] for r in office_rows] == ["李秀英", "王德明", "张建国"]  # li, wang, zhang
    assert [r["phone"] for r in office_rows] == ["13800000002", "13800000003", "13800000001"]
    assert office_rows[0]["level"] == "county" and office_rows[0]["station"] == "河西乡代表联络站"
    rows = walk(cast.admin, "/api/v1/staff/deputies")
    assert [r["id"] for r in rows] == [r["id"] for r in office_rows]
    assert all("phone" not in r for r in rows)
    township = walk(cast.admin, "/api/v1/staff/deputies?level=township")
    assert [r["name"] for r in township] == ["王德明"]
    station = walk(cast.office, "/api/v1/staff/deputies?station=城关镇代表联络站")
    assert [r["name"] for r in station] == ["王德明", "张建国"]
    assert [r["name"] for r in walk(cast.office, "/api/v1/staff/deputies?name=zh")] == ["张建国"]


def test_bad_filters_are_400s_and_units_citizens_and_deputies_403(cast):
    assert_error(cast.office.get("/api/v1/staff/deputies?level=emperor"), 400,
                 "validation_error", "level")
    assert_error(cast.office.get(f"/api/v1/staff/deputies?station={'站' * 41}"), 400,
                 "validation_error", "station")
    assert_error(cast.office.get("/api/v1/staff/units?limit=0"), 400, "validation_error", "limit")
    for path in ("/api/v1/staff/units", "/api/v1/staff/deputies"):
        assert_error(cast.unit.get(path), 403, "forbidden")
        assert_error(cast.citizen().get(path), 403, "forbidden")
        assert_error(cast.deputy().get(path), 403, "forbidden")
        assert_error(cast.anonymous.get(path), 401, "unauthorized")


def test_another_regions_staff_see_only_their_own(cast):
    from functions.identity import staff_accounts
    from functions.org import regions, units
    regions.create_region(region_id="east", name="东区")
    units.create_unit(name="东区水务局", region_id="east", unit_id="u-east-water")
    staff_accounts.create_account(username="office_east", password=PASSWORD, role="office",
                                  region_id="east")
    east = cast.staff("office_east")
    assert [r["id"] for r in walk(east, "/api/v1/staff/units")] == ["u-east-water"]
    assert walk(east, "/api/v1/staff/deputies") == []
