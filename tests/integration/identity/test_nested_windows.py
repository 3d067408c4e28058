"""An hour and a day counted in one item by one conditional write, exact under load."""
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from functions.identity import nested_windows
from functions.shared.errors import RateLimited

pytestmark = pytest.mark.integration

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
LIMITS = ((2, HOUR), (3, DAY))
MIDNIGHT = datetime(2026, 12, 2, 0, 0, tzinfo=timezone.utc)


def _take(now):
    nested_windows.take("submit#u1", limits=LIMITS, now=now, message="too many")


def test_the_first_hour_of_a_day_and_the_day_count_apart(store):
    _take(MIDNIGHT + timedelta(minutes=10))
    _take(MIDNIGHT + timedelta(minutes=20))  # a shared counter would refuse this one
    with pytest.raises(RateLimited) as refused:
        _take(MIDNIGHT + timedelta(minutes=30))
    assert refused.value.fields["retry_after"] == "2026-12-02T01:00:00Z"
    _take(MIDNIGHT + timedelta(hours=1, minutes=5))  # a new hour, the day's third
    with pytest.raises(RateLimited) as refused:
        _take(MIDNIGHT + timedelta(hours=2))
    assert refused.value.fields["retry_after"] == "2026-12-03T00:00:00Z"


def test_a_refusal_counts_nothing_and_a_give_back_frees_a_place(store):
    now = MIDNIGHT + timedelta(hours=5)
    _take(now)
    _take(now)
    for _ in range(3):
        with pytest.raises(RateLimited):
            _take(now)
    assert nested_windows.full_windows("submit#u1", limits=LIMITS, now=now) == [HOUR]
    nested_windows.give_back("submit#u1", limits=LIMITS, now=now)
    _take(now)  # the day still had one place: refusals took none of it


def test_parallel_takes_never_pass_the_limit(store):
    limits = ((5, HOUR), (30, DAY))
    now = MIDNIGHT + timedelta(hours=9)

    def take(_):
        try:
            nested_windows.take("submit#burst", limits=limits, now=now, message="x")
            return True
        except RateLimited:
            return False
    with ThreadPoolExecutor(max_workers=6) as pool:
        passed = list(pool.map(take, range(24)))
    assert passed.count(True) == 5
