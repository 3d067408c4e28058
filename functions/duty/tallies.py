"""Moving a deputy's yearly tally with each verified record (after the record's write)."""
import logging

from . import rules, tally_store

log = logging.getLogger(__name__)


def deputy_card(deputy) -> dict:
    """What a tally carries of its deputy, from a DeputyItem."""
    return {"id": deputy.deputy_id, "region_id": deputy.region_id, "name": deputy.name,
            "level": deputy.level, "group": deputy.group, "station": deputy.station}


def count(record: dict, deputy) -> None:
    """Add a verified record to its year's tally; the nightly recount repairs a failure."""
    try:
        tally_store.add(deputy_card(deputy), record["date"][:4],
                        rules.tally_delta(record["kind"], int(record["points"] or 0)))
    except Exception:  # the record stands; recount.recount_deputy repairs the tally
        log.exception("duty tally not updated for record %s", record["id"])
