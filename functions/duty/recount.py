"""Nightly (and a minute after the office moves the term start: term_recount.py): make
missed automatic records and repair each deputy's tallies from records; the nightly run
then owes the office its daily word of the records waiting for its check.

Per deputy, bounded by that deputy's own items: one consistent BatchGetItem of its
recounted tallies, one Query of its records, one of its cases (for a `voter_contact` a
crash skipped), and a write per tally that differs. It recounts this year, last year
(corrections in January) and the current term; every active deputy gets a tally for this
year and the term, so the rankings list those with 0 points too.

A record verified while the recount sums is never overwritten: the tallies (their
`moves` markers) are read before the records, and each rewrite lands only if no ADD came
since (tally_rewrite.py); one that came makes the deputy recounted again, at most
ATTEMPTS times in a run. `settle` (the minute's recount) also leaves a deputy alone while
one of its records was verified less than SETTLE ago: that record's own ADD may still be
on its way, and a rewrite that counted it would count it twice once the ADD lands.
"""
import logging
from datetime import datetime, timedelta

from functions import deputies
from functions.cases import repository as case_repository
from functions.shared.clock import iso
from functions.storage import indexes
from . import automatic, notices, repository, rules, tally_rewrite, tally_store
from .tallies import deputy_card

log = logging.getLogger(__name__)
ATTEMPTS = 3
# Longer than a request may last (the app's Lambda stops at 29 s: infra/zappa_settings.json),
# so a record verified before then has had its tallies' ADD, or never will.
SETTLE = timedelta(seconds=30)


def recount_deputy(deputy, *, now: datetime, region_rules: dict | None = None,
                   settle: bool = False) -> dict:
    """Missing case records made and tallies replaced for one deputy: the counts, and
    `state`: done, moved (records kept coming: recount it later) or unsettled."""
    region_rules = region_rules or repository.region_rules(deputy.region_id)
    made = repaired = 0
    for _ in range(ATTEMPTS):
        result = _recount_once(deputy, now, region_rules, settle)
        made, repaired = made + result["made"], repaired + result["repaired"]
        if result["state"] != "moved":
            break
    return {"made": made, "repaired": repaired, "state": result["state"]}


def _recount_once(deputy, now: datetime, region_rules: dict, settle: bool) -> dict:
    this_year = rules.local_day(now).year
    term_start = region_rules["term_start"]
    periods = {str(this_year - 1): lambda r: r["date"].startswith(str(this_year - 1)),
               str(this_year): lambda r: r["date"].startswith(str(this_year)),
               rules.term_key(term_start): lambda r: r["date"] >= term_start}
    tallies = tally_rewrite.get_many(deputy.deputy_id, list(periods))  # before the records
    records = list(repository.of_deputy(deputy.deputy_id))
    if settle and _unsettled(records, now):
        return {"made": 0, "repaired": 0, "state": "unsettled"}
    have = {r["id"] for r in records}
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
    repaired, state = 0, "done"
    for year, belongs in periods.items():
        wanted = rules.totals_of(r for r in records if belongs(r))
        tally = tallies.get(year)
        if tally is None and wanted["points"] == 0 and not any(wanted["by_kind"].values()) \
                and (year == str(this_year - 1) or not deputy.active):
            continue
        if tally is None or tally_store.view(tally) != wanted or _moved(tally, deputy):
            if tally_rewrite.replace(deputy_card(deputy), year, wanted,
                                     moves_were=int(tally.moves or 0) if tally else 0):
                repaired += 1
            else:
                state = "moved"  # a record's ADD came after the read: read again
    return {"made": made, "repaired": repaired, "state": state}


def _unsettled(records: list[dict], now: datetime) -> bool:
    """Was one of these records verified so recently that its ADD may not have landed?"""
    since = iso(now - SETTLE)
    return any(r["status"] == "verified" and (r.get("decided_at") or r["created_at"]) > since
               for r in records)


def _moved(tally, deputy) -> bool:
    """The deputy's card changed since the tally was written (its ranking partitions)."""
    return (tally.name, tally.level, tally.group, tally.station) != \
        (deputy.name, deputy.level, deputy.group, deputy.station) or \
        getattr(tally, indexes.ranking.range_attr) != rules.score_key(int(tally.points or 0), deputy.deputy_id)


def recount_deputies(region_id: str, items, *, now: datetime, settle: bool = False) -> dict:
    """These deputies of the region in turn (the rules read once); one deputy's failure
    does not stop the rest. Counts by outcome."""
    totals = {"deputies": 0, "made": 0, "repaired": 0, "failed": 0, "moved": 0}
    region_rules = repository.region_rules(region_id)
    for deputy in items:
        totals["deputies"] += 1
        try:
            result = recount_deputy(deputy, now=now, region_rules=region_rules, settle=settle)
        except Exception:
            log.exception("duty recount failed for deputy %s", deputy.deputy_id)
            totals["failed"] += 1
            continue
        totals["made"] += result["made"]
        totals["repaired"] += result["repaired"]
        totals["moved"] += result["state"] != "done"
    return totals


def recount_region(region_id: str, *, now: datetime) -> dict:
    """The nightly run: every deputy of the region, then the office's daily word."""
    totals = recount_deputies(region_id, deputies.region_deputy_items(region_id), now=now)
    totals["office_told"] = notices.owe_pending_digest(region_id, now)
    return totals
