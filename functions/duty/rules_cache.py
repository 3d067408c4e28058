"""A region's duty rules as this process read them last: the guess of the term start
under which the records the system makes read the term's tally, in the same call as the
rules themselves (record_reads.py).

The rules are read with every such record (in the BatchGetItem it makes anyway: no call
of its own), never taken from here: a change of the points or of the term start saved by
any process applies to the next record. Kept a minute instead, a term start moved in
another process sent that minute's records to the old term's tally, which the nightly
recount (the current term only) never rebuilt. A guess found wrong costs the term's
tally the plain ADD once.
"""
from . import rules
from .models import DutyRulesItem

_last: dict[str, dict] = {}


def rules_of(item: DutyRulesItem | None) -> dict:
    """`{points, term_start}` of a rules item (None: the region set none), defaults filled in."""
    points = (item.points if item else None) or {}
    term_start = item.term_start if item else None
    return {"points": {**rules.DEFAULT_POINTS, **points},
            "term_start": term_start or rules.DEFAULT_TERM_START}


def last_known(region_id: str) -> dict:
    """The rules this process read last (defaults if never): a guess of the term start,
    to read the term's tally with the rules."""
    return _last.get(region_id) or rules_of(None)


def remember(region_id: str, item: DutyRulesItem | None) -> dict:
    """Keep the rules just read (None: the region has no rules item); them."""
    _last[region_id] = region_rules = rules_of(item)
    return region_rules


def forget_cached(region_id: str | None = None) -> None:
    if region_id is None:
        _last.clear()
    else:
        _last.pop(region_id, None)
