"""The ranking: highest first, ties ranked alike across pages, filters, and the recount."""
import pytest

from functions.shared import clock
from functions.duty import recount, tally_rewrite, tally_store
from functions.storage.models import DeputyItem
from tests.case_fixtures import assert_error, cast  # noqa: F401
from tests.integration.duty_fixtures import enter, fixed_clock, ranking  # noqa: F401

pytestmark = pytest.mark.integration


def give(cast, index: int, kinds: list[str]):
    for kind in kinds:
        enter(cast.office, cast.deputy_id(index), kind=kind)


@pytest.fixture
def standings(cast):
    """张建国 6 (two inspections), 李秀英 6 (three meetings), 王德明 2 (one meeting)."""
    give(cast, 0, ["inspection", "inspection"])
    give(cast, 1, ["meeting"] * 3)
    give(cast, 2, ["meeting"])
    return cast


def test_the_ranking_lists_the_highest_first_and_ranks_ties_alike(standings):
    rows = ranking(standings.anonymous)["items"]
    assert [(r["points"], r["rank"]) for r in rows] == [(6, 1), (6, 1), (2, 3)]
    assert {r["deputy"]["name"] for r in rows[:2]} == {"李秀英", "张建国"}
    counts = {r["deputy"]["name"]: r["counts"] for r in rows}
    assert counts["张建国"]["inspection"] == 2 and counts["李秀英"]["meeting"] == 3
    assert all("phone" not in r["deputy"] for r in rows)


def test_ties_keep_their_rank_across_pages(standings):
    seen, cursor = [], None
    while True:
        page = ranking(standings.anonymous, limit=1, **({"cursor": cursor} if cursor else {}))
        seen += [(r["points"], r["rank"]) for r in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [(6, 1), (6, 1), (2, 3)]


def test_filters_read_their_own_partition(standings):
    by_group = ranking(standings.anonymous, group="城关镇代表小组")["items"]
    assert [(r["deputy"]["name"], r["rank"]) for r in by_group] == [("张建国", 1), ("王德明", 2)]
    by_level = ranking(standings.anonymous, level="township")["items"]
    assert [r["deputy"]["name"] for r in by_level] == ["王德明"]
    by_station = ranking(standings.anonymous, station="河西乡代表联络站")["items"]
    assert [r["deputy"]["name"] for r in by_station] == ["李秀英"]
    both = ranking(standings.anonymous, group="城关镇代表小组", level="township")["items"]
    assert [(r["deputy"]["name"], r["rank"]) for r in both] == [("王德明", 1)]


def test_bad_ranking_queries_are_400_or_404(standings):
    anyone = standings.anonymous
    assert_error(anyone.get("/api/v1/duty/ranking?region_id=demo&year=26"), 400,
                 "validation_error", "year")
    assert_error(anyone.get("/api/v1/duty/ranking?region_id=demo&level=" + "x" * 41), 400,
                 "validation_error", "level")
    assert_error(anyone.get("/api/v1/duty/ranking?region_id=nowhere"), 404, "not_found")
    assert_error(anyone.get("/api/v1/duty/ranking?region_id=demo&cursor=forged"), 400,
                 "validation_error", "cursor")
    assert ranking(anyone, year="2025")["items"] == []


def test_the_recount_repairs_a_tally_and_gives_every_deputy_a_row(standings):
    deputy = DeputyItem.get(f"DEPUTY#{standings.deputy_id(0)}", "META")
    tally_store.add({"id": deputy.deputy_id, "region_id": "demo", "name": deputy.name,
                     "level": deputy.level, "group": deputy.group, "station": deputy.station},
                    "2026", {"points": 40})  # drift: points no record earned
    assert ranking(standings.anonymous)["items"][0]["points"] == 46
    extra = recount.recount_region("demo", now=clock.now())
    assert extra["repaired"] == 1 and extra["failed"] == 0
    rows = ranking(standings.anonymous)["items"]
    assert [(r["points"], r["rank"]) for r in rows] == [(6, 1), (6, 1), (2, 3)]
    assert recount.recount_region("demo", now=clock.now())["repaired"] == 0


def test_the_term_ranking_adds_up_every_year_since_the_term_began(cast):
    enter(cast.office, cast.deputy_id(0), date="2025-03-01", kind="meeting")
    enter(cast.office, cast.deputy_id(1), date="2026-03-01", kind="meeting")
    enter(cast.office, cast.deputy_id(0), date="2026-04-01", kind="meeting")
    term = ranking(cast.anonymous, year="term")["items"]
    assert [(r["deputy"]["id"], r["points"], r["rank"]) for r in term] == [
        (cast.deputy_id(0), 4, 1), (cast.deputy_id(1), 2, 2)]
    assert [r["points"] for r in ranking(cast.anonymous)["items"]] == [2, 2]
    from functions.duty.rules import term_key
    tally_rewrite.replace({"id": cast.deputy_id(1), "region_id": "demo", "name": "李秀英"},
                        term_key("2022-01-01"), {"points": 0, "by_kind": {}})  # drift
    result = recount.recount_region("demo", now=clock.now())
    assert result["repaired"] >= 1
    term = ranking(cast.anonymous, year="term")["items"]
    assert [(r["points"], r["rank"]) for r in term] == [(4, 1), (2, 2), (0, 3)]
