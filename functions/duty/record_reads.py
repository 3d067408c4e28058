"""What the records the system makes need, read in one BatchGetItem before they are written.

A record the system makes (a case's voter_contact, an activity's check-in, a suggestion's
registration) needs its deputy (the record's card), its region's rules (points, term
start) and the year's and term's tallies it counts in, each then moved in one
conditional write (tally_known.py; a race takes tally_store.add). All the deputies of one
event are read at once, with the rules: read every time (no call of their own), so a
change saved by any process applies to the next record. The term's tally is read under
the term start this process read last (rules_cache.py); when the rules read now say
otherwise, the term's tally takes the plain ADD.
"""
from dataclasses import dataclass, field

from functions.deputies import get_deputy_items_with
from functions.shared.errors import NotFound
from functions.storage import keys
from . import repository, rules, rules_cache
from .models import rules_pk, tally_pk


@dataclass
class RecordReads:
    """The region's rules, the deputies found by id, and for each deputy of the region
    the tallies read ({period: item, or None when there is none})."""
    region_rules: dict
    deputies: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict)

    def rules_of(self, deputy) -> dict:
        """The rules a record of `deputy` scores under: the region's, or (never expected)
        those of the deputy's own region, read afresh."""
        if deputy.deputy_id in self.seen:
            return self.region_rules
        return repository.region_rules(deputy.region_id)


def read(region_id: str, day: str, deputy_ids: list[str], *, known: dict | None = None
         ) -> RecordReads:
    """Everything the records dated `day` of these deputies of `region_id` need, in one
    BatchGetItem. `known`: {deputy id: DeputyItem} the caller read already (not read
    again). A deputy not found is missing from `deputies`; one of another region gets
    no tallies read (its record moves them by ADD)."""
    if not keys.plausible_id(region_id):
        raise NotFound("region not found")
    known = dict(known or {})
    term_start = rules_cache.last_known(region_id)["term_start"]
    rules_key = (rules_pk(region_id), keys.META)
    tally_keys = {(deputy_id, period): (tally_pk(deputy_id), period)
                  for deputy_id in dict.fromkeys(deputy_ids)
                  for period in rules.tally_periods(day, term_start)
                  if deputy_id not in known or known[deputy_id].region_id == region_id}
    others = [*tally_keys.values(), rules_key]
    deputies, found = get_deputy_items_with(
        [d for d in dict.fromkeys(deputy_ids) if d not in known], others)
    region_rules = rules_cache.remember(region_id, found.get(rules_key))
    deputies.update(known)
    reads = RecordReads(region_rules, deputies)
    for (deputy_id, period), key in tally_keys.items():
        deputy = deputies.get(deputy_id)
        if deputy is not None and deputy.region_id == region_id:
            reads.seen.setdefault(deputy_id, {})[period] = found.get(key)
    return reads
