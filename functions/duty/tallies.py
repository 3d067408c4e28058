"""Moving a deputy's yearly and term tallies with each verified record (after its write)."""
import logging

from . import rules, tally_known, tally_store

log = logging.getLogger(__name__)


def deputy_card(deputy) -> dict:
    """What a tally carries of its deputy, from a DeputyItem."""
    return {"id": deputy.deputy_id, "region_id": deputy.region_id, "name": deputy.name,
            "level": deputy.level, "group": deputy.group, "station": deputy.station}


def count(record: dict, deputy, term_start: str, seen: dict | None = None) -> None:
    """Add a verified record to its year's tally and its term's; the nightly recount
    repairs a failure. `seen`: tallies just read ({year or term key: item, or None when
    there was none}), each moved in one conditional write; the others, or one that moved
    since it was read, take the ADD and the score's move."""
    delta = rules.tally_delta(record["kind"], int(record["points"] or 0))
    card, seen = deputy_card(deputy), seen or {}
    try:
        for period in rules.tally_periods(record["date"], term_start):
            if period in seen and tally_known.add_known(card, period, delta, seen[period]):
                continue
            tally_store.add(card, period, delta)
    except Exception:  # the record stands; recount.recount_deputy repairs the tally
        log.exception("duty tally not updated for record %s", record["id"])
