"""The pure duty rules: points, dates, windows and ranks, without a store."""
import ast
import pathlib
from datetime import date, datetime, timezone

from functions.duty import rules

TODAY = date(2026, 6, 15)


def test_points_come_from_the_region_with_the_defaults_filled_in():
    assert rules.points_for("inspection", None) == 3
    assert rules.points_for("meeting", {"meeting": 4}) == 4
    assert rules.points_for("suggestion", {}) == 5
    assert rules.points_for("suggestion", {}, cosigner=True) == 2


def test_a_record_date_is_not_in_the_future_nor_before_the_term():
    check = lambda v: rules.date_problem(v, today=TODAY, term_start="2022-01-01")  # noqa: E731
    assert check("2026-06-15") is None and check("2022-01-01") is None
    assert "future" in check("2026-06-16")
    assert "term" in check("2021-12-31")
    assert check("2026-6-1") and check("2026-02-30") and check(20260601)


def test_the_local_day_is_shanghais():
    assert rules.local_day(datetime(2026, 6, 14, 16, 30, tzinfo=timezone.utc)) == TODAY


def test_equal_points_share_a_rank_and_the_next_rank_skips():
    ranks, state = rules.assign_ranks([9, 7, 7], None)
    assert ranks == [1, 2, 2]
    more, _ = rules.assign_ranks([7, 5], state)
    assert more == [2, 5]


def test_check_in_opens_an_hour_before_and_closes_two_hours_after():
    activity = {"starts_at": "2026-06-17T01:00:00Z", "ends_at": "2026-06-17T04:00:00Z"}
    at = lambda h, m=0: datetime(2026, 6, 17, h, m, tzinfo=timezone.utc)  # noqa: E731
    assert rules.check_in_open(activity, at(0)) and rules.check_in_open(activity, at(6))
    assert not rules.check_in_open(activity, at(6, 1))
    assert not rules.check_in_open(activity, datetime(2026, 6, 16, 23, 59, tzinfo=timezone.utc))


def test_sign_up_closes_at_the_deadline():
    activity = {"signup_deadline": "2026-06-16T10:00:00Z"}
    assert rules.signup_problem(activity, datetime(2026, 6, 16, 9, 59, tzinfo=timezone.utc)) \
        is None
    assert rules.signup_problem(activity, datetime(2026, 6, 16, 10, tzinfo=timezone.utc))


def test_scores_sort_as_text_in_points_order():
    keys = [rules.score_key(p, "d1") for p in (2, 10, 100)]
    assert sorted(keys) == keys


def test_totals_count_only_verified_records():
    records = [{"status": "verified", "kind": "meeting", "points": 2},
               {"status": "pending", "kind": "meeting", "points": None},
               {"status": "verified", "kind": "inspection", "points": 3}]
    totals = rules.totals_of(records)
    assert totals["points"] == 5 and totals["by_kind"]["meeting"] == 1


def test_the_rules_import_only_the_standard_library():
    tree = ast.parse(pathlib.Path(rules.__file__).read_text(encoding="utf-8"))
    modules = {n.module if isinstance(n, ast.ImportFrom) else a.name
               for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
               for a in (n.names if isinstance(n, ast.Import) else [n])}
    # functions.shared.moments is the one Asia/Shanghai, itself standard library only.
    assert all(m.split(".")[0] in ("datetime", "zoneinfo") or m == "functions.shared.moments"
               for m in modules), modules
