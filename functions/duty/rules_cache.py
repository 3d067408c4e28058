"""A region's duty rules, kept a minute per process for the records the system makes.

A case's `voter_contact` record reads its region's rules after every first reply or
forward; they change rarely, so each process keeps them CACHE_SECONDS (like
functions/org/regions.py keeps a region). An edit made through this process drops its
copy at once (repository.save_rules); another process uses the old points and term
start for at most CACHE_SECONDS. Timed by the one clock, so tests can move it. The
office's own pages (积分规则, records it enters or verifies) read the rules afresh.
"""
from datetime import datetime

from functions.shared.timed_cache import TimedCache
from . import rules
from .models import DutyRulesItem

CACHE_SECONDS = 60
_kept = TimedCache(CACHE_SECONDS)


def rules_of(item: DutyRulesItem | None) -> dict:
    """`{points, term_start}` of a rules item (None: the region set none), defaults filled in."""
    points = (item.points if item else None) or {}
    term_start = item.term_start if item else None
    return {"points": {**rules.DEFAULT_POINTS, **points},
            "term_start": term_start or rules.DEFAULT_TERM_START}


def fresh(region_id: str) -> dict | None:
    """The region's rules if this process read them less than CACHE_SECONDS ago."""
    return _kept.get(region_id)


def last_known(region_id: str) -> dict:
    """The rules this process read last, however long ago (defaults if never): a guess of
    the term start, to read the term's tally before the rules are read again."""
    return _kept.last(region_id) or rules_of(None)


def remember(region_id: str, item: DutyRulesItem | None, read_at: datetime) -> dict:
    """Keep the rules read at `read_at` (None: the region has no rules item); them."""
    return _kept.put(region_id, rules_of(item), at=read_at)


def forget_cached(region_id: str | None = None) -> None:
    _kept.forget(region_id)
