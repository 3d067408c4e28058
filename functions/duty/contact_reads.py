"""What a case's voter_contact record needs, read in one BatchGetItem after the case write.

The deputy, the region's rules (read every time) and the deputy's year's and term's tallies
(record_reads.py). Both keys come from the case: its deputy and its region, which is the
deputy's (the case was submitted on the deputy's own entry code).
"""
from functions.shared.errors import NotFound
from . import record_reads


def read(case: dict, day: str):
    """(deputy, the region's rules, {tally period: item or None}) for a record of the
    case's deputy dated `day`. When the deputy's region is not the case's (never expected),
    the rules are left to the caller to read (None) and no tally is offered."""
    deputy_id = case["deputy_id"]
    reads = record_reads.read(case["region_id"], day, [deputy_id])
    deputy = reads.deputies.get(deputy_id)
    if deputy is None:
        raise NotFound(f"deputy {deputy_id} not found")
    if deputy_id not in reads.seen:
        return deputy, None, {}
    return deputy, reads.region_rules, reads.seen[deputy_id]
