"""The one age check of the per-process copies (regions, calendar, duty rules)."""
from datetime import datetime, timedelta, timezone

from functions.shared import clock
from functions.shared.timed_cache import TimedCache

T0 = datetime(2026, 6, 15, 2, 0, tzinfo=timezone.utc)


class Hand:
    """A clock a test moves by hand (as a cache on time.monotonic would see time)."""
    def __init__(self):
        self.at = 100.0

    def __call__(self):
        return self.at


def test_a_copy_is_used_until_it_is_as_old_as_the_limit():
    hand = Hand()
    kept = TimedCache(60, clock=hand)
    assert kept.put("demo", {"a": 1}) == {"a": 1}
    hand.at += 59.9
    assert kept.get("demo") == {"a": 1}
    hand.at += 0.1
    assert kept.get("demo") is None and kept.get("demo", "x") == "x"


def test_a_clock_set_back_makes_the_copy_old():
    hand = Hand()
    kept = TimedCache(60, clock=hand)
    kept.put("demo", 1)
    hand.at -= 1
    assert kept.get("demo") is None


def test_a_read_is_kept_as_of_when_it_started():
    hand = Hand()
    kept = TimedCache(60, clock=hand)
    read_at = kept.now()
    hand.at += 30  # the read took its time
    kept.put("demo", "item", at=read_at)
    hand.at += 30
    assert kept.get("demo") is None


def test_the_default_clock_is_the_one_clock_and_forgetting_is_per_key():
    kept = TimedCache(60)
    try:
        clock.set_now(T0)
        kept.put("a", 1)
        kept.put("b", 2, at=(T0 - timedelta(seconds=50)).timestamp())
        clock.set_now(T0 + timedelta(seconds=20))
        assert (kept.get("a"), kept.get("b")) == (1, None)
        kept.put("b", 2)
        kept.forget("a")
        assert (kept.get("a"), kept.get("b")) == (None, 2)
        kept.forget()
        assert kept.get("b") is None
    finally:
        clock.set_now(None)
