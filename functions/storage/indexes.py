"""Indexes named by what they are for: the one place that maps a use to the table's index.

The table keeps its physical index names (gsi1..gsi6, due, outbox, open_deadline; see
models.BaseItem and serverless.yml); code says `indexes.inbox`, never `gsi2`. Several uses
share one physical index because an item is only ever in one of them (a case is a
citizen's, a unit is a region's). docs/data-model.md lists the key values of each use.
"""
from typing import NamedTuple

from .models import BaseItem


class IndexUse(NamedTuple):
    """One use of a physical index: the attributes an item carries to be in it, and its query."""
    physical: str  # the index name in the table
    hash_attr: str
    range_attr: str

    def entry(self, hash_value, range_value) -> dict:
        """The attributes that put an item in this index under `hash_value` / `range_value`."""
        return {self.hash_attr: hash_value, self.range_attr: range_value}

    def index(self, model=BaseItem):
        """The PynamoDB index on `model` (a query returns that model's items)."""
        return getattr(model, f"by_{self.physical}")

    def query(self, model, hash_value, *args, **kwargs):
        return self.index(model).query(hash_value, *args, **kwargs)

    def sort_key(self, model=BaseItem):
        """The range attribute of `model`, for key conditions (`<=`, `startswith`, `set`)."""
        return getattr(model, self.range_attr)


def _gsi(number: int) -> IndexUse:
    return IndexUse(f"gsi{number}", f"gsi{number}pk", f"gsi{number}sk")


by_owner = _gsi(1)  # a citizen's cases: OWNER#uid / created
regions = _gsi(1)  # every region: REGIONS / region id
region_units = _gsi(1)  # REGION#rid#UNITS / name
region_deputies = _gsi(1)  # REGION#rid#DEPUTIES / name
region_entries = _gsi(1)  # a region's station and office entry codes / name
staff_to_notify = _gsi(1)  # UNIT#uid#STAFF or REGION#rid#STAFF#office / "staff"
notification_log = _gsi(1)  # NOTIFS#rid / at#id
inbox = _gsi(2)  # a deputy's cases: DEPUTY#did#CASES / status#created
region_staff = _gsi(2)  # every staff account of a region: REGION#rid#STAFF / username
notification_log_by_channel = _gsi(2)  # NOTIFS#rid#channel / at#id
queue = _gsi(3)  # whom a case waits on: QUEUE#OFFICE#rid or QUEUE#UNIT#uid / status#created
public = _gsi(4)  # published cases of a region / created
public_by_category = _gsi(5)  # published cases of a region in one category / created
region_cases = _gsi(6)  # every case of a region / created
due = IndexUse("due", "due_pk", "due_at")  # sparse: the next reminder of open cases
outbox = IndexUse("outbox", "outbox_pk", "outbox_at")  # sparse, keys only: unsent notices
open_deadline = IndexUse("open_deadline", "deadline_pk", "deadline_at")  # sparse: overdue board

# Suggestions: a deputy's or unit's list (party items), the office's queue, the public
# list of a region and year, every suggestion of a region (statistics).
suggestion_parties = _gsi(1)  # DEPUTY#did#SUGGESTIONS or UNIT#uid#SUGGESTIONS / created#id
office_suggestions = _gsi(3)  # QUEUE#OFFICE#rid#SUGGESTIONS / status#created
public_suggestions = _gsi(4)  # PUBLIC#rid#SUGGESTIONS#year / number
region_suggestions = _gsi(6)  # REGION#rid#SUGGESTIONS / created
key_suggestions = _gsi(5)  # 重点督办 ones of a region: KEY#rid#SUGGESTIONS / created#id

CASE_USES = (by_owner, inbox, queue, public, public_by_category, region_cases, due, outbox,
             open_deadline)


def outside(*uses: IndexUse) -> dict:
    """Attributes that take an item out of each of `uses` (sparse indexes skip missing keys)."""
    return {attr: None for use in uses for attr in (use.hash_attr, use.range_attr)}


SUGGESTION_USES = (office_suggestions, public_suggestions, region_suggestions,
                   key_suggestions, due, outbox)
