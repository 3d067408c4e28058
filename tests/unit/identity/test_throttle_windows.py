"""Fixed windows of different lengths are different items, even when they start at once."""
from datetime import datetime, timedelta, timezone

from functions.identity.throttle import window_pk

HOUR, DAY = timedelta(hours=1), timedelta(days=1)


def test_the_first_hour_of_a_day_and_the_day_are_two_windows():
    first_hour = datetime(2026, 12, 2, 0, 30, tzinfo=timezone.utc)  # both start at 00:00
    assert window_pk("submit#u1", window=HOUR, now=first_hour) != \
        window_pk("submit#u1", window=DAY, now=first_hour)


def test_the_same_window_is_the_same_item_throughout():
    start = datetime(2026, 12, 2, 5, 0, tzinfo=timezone.utc)
    assert window_pk("submit#u1", window=HOUR, now=start) == \
        window_pk("submit#u1", window=HOUR, now=start + timedelta(minutes=59))
    assert window_pk("submit#u1", window=HOUR, now=start) != \
        window_pk("submit#u1", window=HOUR, now=start + HOUR)
