"""Deadlines in working days on the PRC calendar, computed in Asia/Shanghai, stored as UTC."""
from datetime import date, datetime, timezone

from functions.cases.deadlines import TimeLimits, carried_over, deadlines_for
from functions.shared.working_days import add_hours, add_working_days, is_working_day


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


def test_national_day_week_is_not_working():
    assert not is_working_day(date(2025, 10, 1))
    assert not is_working_day(date(2025, 10, 8))


def test_an_adjusted_working_weekend_counts_as_a_working_day():
    # 2025-09-28 (Sunday) and 2025-10-11 (Saturday) were 调休 working days.
    assert is_working_day(date(2025, 9, 28))
    assert is_working_day(date(2025, 10, 11))


def test_three_working_days_from_friday_end_on_wednesday_night_shanghai_time():
    friday_3pm_shanghai = utc(2025, 3, 7, 7, 0)
    due = add_working_days(friday_3pm_shanghai, 3)
    # End of Wednesday 12 March in Shanghai is 16:00 UTC that day.
    assert due == utc(2025, 3, 12, 16, 0)


def test_late_evening_utc_is_already_the_next_day_in_shanghai():
    # 2025-03-06 20:00 UTC is Friday 04:00 in Shanghai: counting starts from Friday.
    assert add_working_days(utc(2025, 3, 6, 20, 0), 1) == utc(2025, 3, 10, 16, 0)


def test_the_national_day_holiday_is_skipped_and_the_adjusted_saturday_counted():
    # Submitted Tuesday 30 Sep 2025; 1–8 Oct are holidays; Thu 9, Fri 10, Sat 11 (调休) work.
    assert add_working_days(utc(2025, 9, 30, 2, 0), 3) == utc(2025, 10, 11, 16, 0)


def test_a_year_the_calendar_does_not_know_falls_back_to_weekdays():
    assert is_working_day(date(2031, 6, 2))  # a Monday
    assert not is_working_day(date(2031, 6, 1))  # a Sunday


def test_consultations_run_on_hours_not_working_days():
    assert add_hours(utc(2025, 10, 1, 1, 0), 24) == utc(2025, 10, 2, 1, 0)


def test_a_submitted_consultation_has_an_accept_and_a_24_hour_deadline():
    due = deadlines_for("submitted", "consultation", utc(2025, 3, 7, 7, 0), TimeLimits())
    assert due == {"accept": utc(2025, 3, 12, 16, 0), "consultation_answer": utc(2025, 3, 8, 7, 0)}


def test_an_assigned_case_must_be_signed_in_5_and_answered_in_20_working_days():
    due = deadlines_for("assigned", "request", utc(2025, 3, 3, 2, 0), TimeLimits())
    assert due == {"sign": utc(2025, 3, 10, 16, 0), "answer": utc(2025, 3, 31, 16, 0)}


def test_signing_keeps_the_answer_deadline_only():
    kept = carried_over("in_progress", {"sign": utc(2025, 3, 10), "answer": utc(2025, 3, 31)})
    assert kept == {"answer": utc(2025, 3, 31)}


def test_region_limits_override_the_defaults():
    limits = TimeLimits.from_dict({"unit_sign_days": "2", "unknown": 9})
    assert limits.unit_sign_days == 2 and limits.unit_answer_days == 20


def test_rating_window_is_seven_calendar_days():
    assert deadlines_for("answered", "request", utc(2025, 10, 1), TimeLimits()) == \
        {"rate": utc(2025, 10, 8)}


def entered_2027():
    from functions.shared.working_days import EnteredDays
    return EnteredDays(holidays=frozenset({date(2027, 1, 1)} | {date(2027, 2, d)
                                                              for d in range(5, 13)}),
                       workdays=frozenset({date(2027, 2, 14)}), years=frozenset({2027}))


def test_a_2027_deadline_skips_the_entered_spring_festival_and_counts_its_adjusted_sunday():
    # Thursday 4 Feb 2027, 10:00 Beijing: 5–12 Feb off, Sat 13 off, Sun 14, Mon 15, Tue 16.
    assert add_working_days(utc(2027, 2, 4, 2, 0), 3, entered_2027()) == utc(2027, 2, 16, 16, 0)
    # Without the entries the library knows nothing of 2027: Mon–Fri, deadline Tue 9 Feb.
    assert add_working_days(utc(2027, 2, 4, 2, 0), 3) == utc(2027, 2, 9, 16, 0)


def test_a_20_working_day_answer_deadline_set_in_december_2026_skips_new_years_day():
    due = deadlines_for("assigned", "request", utc(2026, 12, 15, 2, 0), TimeLimits(),
                        entered_2027())
    # 16 Dec 2026 … 13 Jan 2027 is 20 working days once 1 Jan 2027 is a holiday;
    # the library alone would count New Year's Day and end on 12 Jan.
    assert due["answer"] == utc(2027, 1, 13, 16, 0)
    assert deadlines_for("assigned", "request", utc(2026, 12, 15, 2, 0),
                         TimeLimits())["answer"] == utc(2027, 1, 12, 16, 0)


def test_uncovered_years_names_what_neither_the_library_nor_the_entries_cover():
    from functions.shared.working_days import uncovered_years
    assert uncovered_years(date(2026, 6, 1), 90) == []
    assert uncovered_years(date(2026, 11, 20), 90) == [2027]
    assert uncovered_years(date(2026, 11, 20), 90, entered_2027()) == []


def test_the_next_working_morning_after_a_friday_is_monday_nine_oclock_beijing():
    from functions.shared.working_days import next_working_morning
    assert next_working_morning(utc(2025, 3, 7, 7, 0)) == utc(2025, 3, 10, 1, 0)
    assert next_working_morning(utc(2027, 2, 4, 2, 0), entered_2027()) == utc(2027, 2, 14, 1, 0)
