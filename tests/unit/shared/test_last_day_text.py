"""A deadline is shown as its last day in Beijing time, never as the midnight after it."""
from datetime import datetime, timezone

import pytest

from functions.shared.moments import last_day_text
from functions.shared.working_days import add_working_days


def test_a_deadline_at_midnight_shows_the_day_before_as_the_last_day():
    # 2026-12-08 00:00 in Beijing is 2026-12-07 16:00 UTC: Monday the 7th is the last day.
    assert last_day_text("2026-12-07T16:00:00Z") == "12月7日（周一）前"


def test_a_file_kept_beyond_the_year_names_the_year_of_the_last_day():
    # midnight opening 2027 in Beijing: the last day is still in 2026
    assert last_day_text("2026-12-31T16:00:00Z", with_year=True) == "2026年12月31日（周四）前"
    assert last_day_text("2026-12-08T07:30:00Z", with_year=True) == "2026年12月8日（周二）15:30前"


def test_a_deadline_during_the_day_keeps_its_time():
    assert last_day_text("2026-12-08T07:30:00Z") == "12月8日（周二）15:30前"


def test_an_aware_datetime_reads_the_same_as_its_iso_text():
    moment = datetime(2026, 12, 7, 16, 0, tzinfo=timezone.utc)
    assert last_day_text(moment) == last_day_text("2026-12-07T16:00:00Z")


def test_three_working_days_from_a_friday_end_on_wednesday():
    due = add_working_days(datetime(2026, 12, 4, 2, 0, tzinfo=timezone.utc), 3)
    assert last_day_text(due) == "12月9日（周三）前"


@pytest.mark.parametrize("empty", [None, ""])
def test_no_deadline_shows_nothing(empty):
    assert last_day_text(empty) == ""
