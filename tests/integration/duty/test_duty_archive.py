"""The 一人一档 archive: public view without phone or unverified records; full for the
deputy and its office; and the whole story report → verify → ranking → archive."""
import pytest

from tests.case_fixtures import assert_error, cast  # noqa: F401
from tests.integration.duty_fixtures import (enter, fixed_clock, ranking, report,  # noqa: F401
                                             verify)

pytestmark = pytest.mark.integration


def archive_of(caller, deputy_id, year="2026"):
    return caller.ok("GET", f"/api/v1/deputies/{deputy_id}/archive?year={year}")


def test_report_verify_ranking_archive(cast):
    deputy, office, anyone = cast.deputy(), cast.office, cast.anonymous
    photo = deputy.upload_photo()["file_id"]
    shown = verify(office, report(deputy, photos=[photo])["id"])
    hidden = report(deputy, kind="meeting", title="列席镇人代会")
    case_id = cast.case_at("replied")
    top = ranking(anyone)["items"][0]
    assert (top["deputy"]["id"], top["points"], top["rank"]) == (cast.deputy_id(), 4, 1)
    public = archive_of(anyone, cast.deputy_id())
    assert public["view"] == "public" and "phone" not in public["deputy"]
    assert public["totals"] == {"points": 4, "by_kind": {
        "meeting": 0, "inspection": 1, "suggestion": 0, "voter_contact": 1,
        "group_activity": 0}}
    ids = [r["id"] for r in public["records"]]
    assert shown["id"] in ids and hidden["id"] not in ids
    assert all("ref" not in r for r in public["records"] if r["source"] == "case")
    assert case_id not in str(public)
    inspection = next(r for r in public["records"] if r["id"] == shown["id"])
    assert inspection["photos"][0]["file_id"] == photo
    assert public["cases"]["replied"] == 1 and public["cases"]["received_all_time"] == 1
    assert public["suggestions"] == []
    for reader in (deputy, office):
        full = archive_of(reader, cast.deputy_id())
        assert full["view"] == "full" and full["deputy"]["phone"] == "13800000001"
        assert hidden["id"] in [r["id"] for r in full["records"]]


def test_another_deputy_sees_only_the_public_archive(cast):
    report(cast.deputy(0))
    seen = archive_of(cast.deputy(1), cast.deputy_id(0))
    assert seen["view"] == "public" and seen["records"] == []


def test_an_archive_of_another_year_is_empty_and_bad_input_is_4xx(cast):
    enter(cast.office, cast.deputy_id())
    assert archive_of(cast.anonymous, cast.deputy_id(), "2025")["records"] == []
    assert_error(cast.anonymous.get(f"/api/v1/deputies/{cast.deputy_id()}/archive?year=x"),
                 400, "validation_error", "year")
    assert_error(cast.anonymous.get("/api/v1/deputies/nobody/archive"), 404, "not_found")


def test_the_term_archive_gathers_every_year_since_the_term_began(cast):
    enter(cast.office, cast.deputy_id(), date="2025-03-01", kind="meeting")
    enter(cast.office, cast.deputy_id(), date="2026-05-01")
    term = cast.anonymous.ok("GET", f"/api/v1/deputies/{cast.deputy_id()}/archive?year=term")
    assert term["year"] == "term" and term["term_start"] == "2022-01-01"
    assert term["totals"]["points"] == 5 and len(term["records"]) == 2
    assert {y: t["points"] for y, t in term["totals_by_year"].items()} == {"2025": 2,
                                                                          "2026": 3}
