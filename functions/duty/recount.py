"""Nightly: make missed automatic records and repair each deputy's tallies from records;
then the office is owed its daily word of the records waiting for its check.

Per deputy, bounded by that deputy's own items: one Query of its records, one of its
cases (for a `voter_contact` a crash skipped), a GetItem per recounted year's tally. It
recounts this year, last year (corrections in January) and the current term; every
active deputy gets a tally for this year and the term, so the rankings list those with
0 points too.
"""
import logging
from datetime import datetime

from functions import deputies
from functions.cases import repository as case_repository
from functions.storage import indexes
from . import automatic, notices, repository, rules, tally_store
from .tallies import deputy_card

log = logging.getLogger(__name__)


def recount_deputy(deputy, *, now: datetime) -> dict:
    """Missing case records made and tallies replaced for one deputy: the counts."""
    records = list(repository.of_deputy(deputy.deputy_id))
    have = {r["id"] for r in records}
    this_year = rules.local_day(now).year
    region_rules = repository.region_rules(deputy.region_id)
    term_start = region_rules["term_start"]
    made = 0
    for case in case_repository.deputy_cases(deputy.deputy_id):
        entry = automatic.deputy_contact(case)
        if entry and automatic.case_record_id(case["id"]) not in have:
            # Its tally is written below from the records, unless its year is older.
            record = automatic.record_case_contact(
                case, entry, deputy=deputy, region_rules=region_rules,
                tally=automatic.contact_day(entry).year < this_year - 1)
            if record:
                records.append(record)
                made += 1
    periods = {str(this_year - 1): lambda r: r["date"].startswith(str(this_year - 1)),
               str(this_year): lambda r: r["date"].startswith(str(this_year)),
               rules.term_key(term_start): lambda r: r["date"] >= term_start}
    repaired = 0
    for year, belongs in periods.items():
        wanted = rules.totals_of(r for r in records if belongs(r))
        tally = tally_store.get(deputy.deputy_id, year)
        if tally is None and wanted["points"] == 0 and not any(wanted["by_kind"].values()) \
                and (year == str(this_year - 1) or not deputy.active):
            continue
        if tally is None or tally_store.view(tally) != wanted or _moved(tally, deputy):
            tally_store.replace(deputy_card(deputy), year, wanted)
            repaired += 1
    return {"made": made, "repaired": repaired}


def _moved(tally, deputy) -> bool:
    """The deputy's card changed since the tally was written (its ranking partitions)."""
    return (tally.name, tally.level, tally.group, tally.station) != \
        (deputy.name, deputy.level, deputy.group, deputy.station) or \
        getattr(tally, indexes.ranking.range_attr) != rules.score_key(int(tally.points or 0), deputy.deputy_id)


def recount_region(region_id: str, *, now: datetime) -> dict:
    """Every deputy of the region in turn; one deputy's failure does not stop the rest."""
    totals = {"deputies": 0, "made": 0, "repaired": 0, "failed": 0}
    for deputy in deputies.region_deputy_items(region_id):
        totals["deputies"] += 1
        try:
            result = recount_deputy(deputy, now=now)
        except Exception:
            log.exception("duty recount failed for deputy %s", deputy.deputy_id)
            totals["failed"] += 1
            continue
        totals["made"] += result["made"]
        totals["repaired"] += result["repaired"]
    totals["office_told"] = notices.owe_pending_digest(region_id, now)
    return totals
