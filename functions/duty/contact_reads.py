"""What a case's voter_contact record needs, read in one BatchGetItem after the case write.

The deputy (for the record's card) and the year's and term's tallies the record counts
in (each then moved in one conditional write, tally_known.py), plus the region's rules
when this process has not read them in the last minute (rules_cache.py). Both keys come
from the case: its deputy and its region, which is the deputy's (the case was submitted
on the deputy's own entry code). The term's tally is read under the term start last
known, which a rules change may move: the term's tally then takes the plain ADD.
"""
from functions.deputies import get_deputy_item_with
from functions.shared.clock import now as clock_now
from functions.shared.errors import NotFound
from functions.storage import keys
from . import rules, rules_cache
from .models import rules_pk, tally_pk


def read(case: dict, day: str):
    """(deputy, the region's rules, {tally period: item or None}) for a record of the
    case's deputy dated `day`. When the deputy's region is not the case's (never expected),
    the rules are left to the caller to read (None) and no tally is offered."""
    deputy_id, region_id = case["deputy_id"], case["region_id"]
    if not keys.plausible_id(region_id):
        raise NotFound("region not found")
    read_at, region_rules = clock_now(), rules_cache.fresh(region_id)
    term_start = (region_rules or rules_cache.last_known(region_id))["term_start"]
    rules_key = (rules_pk(region_id), keys.META)
    tally_keys = {period: (tally_pk(deputy_id), period)
                  for period in rules.tally_periods(day, term_start)}
    deputy, found = get_deputy_item_with(
        deputy_id, [*tally_keys.values(), *([rules_key] if region_rules is None else [])])
    if region_rules is None:
        region_rules = rules_cache.remember(region_id, found.get(rules_key), read_at)
    if deputy.region_id != region_id:
        return deputy, None, {}
    return deputy, region_rules, {period: found.get(key) for period, key in tally_keys.items()}
