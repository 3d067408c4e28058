"""Moving a deputy's yearly and term tallies with each verified record (after its write)."""
import logging

from . import rules, tally_store

log = logging.getLogger(__name__)


def deputy_card(deputy) -> dict:
    """What a tally carries of its deputy, from a DeputyItem."""
    return {"id": deputy.deputy_id, "region_id": deputy.region_id, "name": deputy.name,
            "level": deputy.level, "group": deputy.group, "station": deputy.station}


def count(record: dict, deputy, term_start: str) -> None:
    """Add a verified record to its year's tally and its term's; the nightly recount
    repairs a failure."""
    delta = rules.tally_delta(record["kind"], int(record["points"] or 0))
    try:
        tally_store.add(deputy_card(deputy), record["date"][:4], delta)
        if record["date"] >= term_start:
            tally_store.add(deputy_card(deputy), rules.term_key(term_start), delta)
    except Exception:  # the record stands; recount.recount_deputy repairs the tally
        log.exception("duty tally not updated for record %s", record["id"])
