"""积分规则: the region's points per kind and the start of the deputies' term.

A change applies to records verified afterwards; verified records keep their points (so a
change of points alone leaves every tally right). A moved term start has the minute's
drain recount the region's tallies (term_recount.py), marked before the rules are saved:
a crash between the two costs a recount that finds nothing to do, never a missed one.
"""
from datetime import date

from functions.identity.access import require_staff
from functions.shared.clock import iso
from functions.shared.errors import ValidationFailed
from . import repository, rules, term_recount


def current(*, actor: dict) -> dict:
    actor = require_staff(actor, "office", "admin")
    return repository.region_rules(actor["region_id"])


def save(*, actor: dict, points: dict, term_start, now) -> dict:
    """Replace the points table and the term start; 400 naming every bad field."""
    actor = require_staff(actor, "office", "admin")
    problems, clean = {}, {}
    for name in rules.POINT_KEYS:
        try:
            clean[name] = int(str(points.get(name, "")).strip())
        except ValueError:
            clean[name] = None
        if clean[name] is None or not 0 <= clean[name] <= rules.MAX_POINTS:
            problems[name] = f"a whole number from 0 to {rules.MAX_POINTS}"
    try:
        start = date.fromisoformat(str(term_start or "").strip())
        if start > rules.local_day(now):
            problems["term_start"] = "not in the future"
    except ValueError:
        problems["term_start"] = "a date YYYY-MM-DD"
    if problems:
        raise ValidationFailed("invalid duty rules", problems)
    if repository.region_rules(actor["region_id"])["term_start"] != start.isoformat():
        term_recount.mark(actor["region_id"], now)
    repository.save_rules(actor["region_id"], points=clean, term_start=start.isoformat(),
                          at=iso(now))
    return current(actor=actor)
