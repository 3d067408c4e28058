"""What one case adds to the dashboard figures: Beijing months, one final rating."""
from functions.reporting.counters import contribution


def case(**extra) -> dict:
    return {"id": "c1", "region_id": "r", "category": "other", "status": "submitted",
            "created_at": "2026-03-31T17:00:00Z", "timeline": [], **extra}


def test_a_case_at_one_in_the_morning_of_1_april_beijing_time_is_aprils():
    region = contribution(case())["REGION#r"]
    assert region["received:2026-04"] == 1 and "received:2026-03" not in region


def test_a_case_closed_just_after_midnight_beijing_time_closes_in_the_new_month():
    closed = case(status="closed", timeline=[
        {"at": "2026-03-31T17:00:00Z", "action": "submit", "status": "submitted"},
        {"at": "2026-04-30T16:30:00Z", "action": "close_unrated", "status": "closed"}])
    region = contribution(closed)["REGION#r"]
    assert region["closed:2026-05"] == 1 and "closed:2026-04" not in region


def test_unsatisfied_then_satisfied_is_one_satisfied_case():
    timeline = [
        {"at": "2026-04-01T01:00:00Z", "action": "submit", "status": "submitted"},
        {"at": "2026-04-10T01:00:00Z", "action": "rate", "rating": "unsatisfied",
         "status": "assigned"},
        {"at": "2026-04-20T01:00:00Z", "action": "rate", "rating": "satisfied",
         "status": "closed"}]
    rated = case(status="closed", timeline=timeline,
                 rating={"rating": "satisfied", "at": "2026-04-20T01:00:00Z"})
    region = contribution(rated)["REGION#r"]
    assert {k: v for k, v in region.items() if k.startswith("rating:")} == {
        "rating:satisfied": 1}


def test_a_case_of_a_deputy_counts_on_one_item_the_deputys_with_the_regions_share():
    from functions.reporting.counters import item_numbers
    items = item_numbers(case(deputy_id="d1"))
    assert list(items) == ["DEPUTY#d1"]
    assert items["DEPUTY#d1"]["status:submitted"] == 1  # the deputy's own
    assert items["DEPUTY#d1"]["region:received:2026-04"] == 1  # the region's share


def test_a_held_case_adds_only_the_regions_share_to_its_deputys_item():
    from functions.reporting.counters import item_numbers
    items = item_numbers(case(deputy_id="d1", held_for_review=True))
    assert list(items) == ["DEPUTY#d1"]
    assert all(name.startswith("region:") for name in items["DEPUTY#d1"])


def test_a_case_without_a_deputy_counts_on_the_regions_own_item():
    from functions.reporting.counters import item_numbers
    items = item_numbers(case(deputy_id=None))
    assert list(items) == ["REGION#r"] and items["REGION#r"]["total"] == 1


def test_a_regions_figures_are_its_own_item_plus_its_deputies_shares_alone():
    from functions.reporting.counters import sum_region
    own = {"total": 1, "status:submitted": 1, "moves": 7}
    deputy_items = [{"total": 9, "region:total": 2, "region:status:closed": 2, "moves": 3},
                    {"status:submitted": 4, "region:status:submitted": 1, "region:total": 1}]
    assert sum_region(own, deputy_items) == {"total": 4, "status:submitted": 2,
                                             "status:closed": 2}


def test_the_dashboard_says_todays_update_time_alone_and_an_older_one_with_its_date():
    from datetime import datetime, timezone
    from functions.reporting.dashboard_figures import shown_time
    now = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # 10:00 in Beijing
    assert shown_time("2026-11-30T01:58:00Z", now) == "09:58"
    assert shown_time("2026-11-29T15:30:00Z", now) == "2026-11-29 23:30"
