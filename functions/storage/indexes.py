"""Indexes named by what they are for: the one place that maps a use to the table's index.

The table keeps its physical index names (gsi1..gsi10, due, outbox, open_deadline; see
models.BaseItem and serverless.yml); code says `indexes.inbox_by_status`, never `gsi2`. Several uses
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

    def put_on(self, item, hash_value, range_value) -> None:
        """Set `item`'s attributes so that it is in this index (saved by the caller)."""
        for attr, value in self.entry(hash_value, range_value).items():
            setattr(item, attr, value)

    def take_off(self, item) -> None:
        """Clear `item`'s attributes of this index (a sparse index then skips it)."""
        self.put_on(item, None, None)

    def holds(self, item) -> bool:
        """Is `item` in this index (its hash attribute set)?"""
        return getattr(item, self.hash_attr, None) is not None

    def range_of(self, item):
        return getattr(item, self.range_attr, None)


def _gsi(number: int) -> IndexUse:
    return IndexUse(f"gsi{number}", f"gsi{number}pk", f"gsi{number}sk")


by_owner = _gsi(1)  # a citizen's cases: OWNER#uid / created
regions = _gsi(1)  # every region: REGIONS / region id
region_units = _gsi(1)  # REGION#rid#UNITS / name
region_deputies = _gsi(1)  # REGION#rid#DEPUTIES / name
region_counters = _gsi(1)  # a region's deputy counter items: REGION#rid#COUNTERS / deputy id
region_entries = _gsi(1)  # a region's station and office entry codes / name
staff_to_notify = _gsi(1)  # UNIT#uid#STAFF or REGION#rid#STAFF#office / "staff"
notification_log = _gsi(1)  # NOTIFS#rid / at#id
inbox_by_status = _gsi(2)  # a deputy's cases: DEPUTY#did#CASES / status#created#id
region_staff = _gsi(2)  # every staff account of a region: REGION#rid#STAFF / username
notification_log_by_channel = _gsi(2)  # NOTIFS#rid#channel / at#id
queue = _gsi(3)  # whom a case waits on: QUEUE#OFFICE#rid or QUEUE#UNIT#uid / status#created#id
#   (also a co-unit's link item beside the case: QUEUE#UNIT#uid / status#created#id)
unit_done = _gsi(3)  # cases a unit answered (answered or closed): QUEUE#UNIT#uid#DONE / at#id
public = _gsi(4)  # published cases of a region / created
public_by_category = _gsi(5)  # published cases of a region in one category / created
region_cases = _gsi(6)  # every case of a region / created
# The office's filters of all cases (functions/cases/all_cases.py), each `created#id`:
region_cases_by_status = _gsi(7)  # REGION#rid#CASES#STATUS#<status>
region_cases_by_category = _gsi(8)  # REGION#rid#CASES#CATEGORY#<category>
region_cases_by_unit = _gsi(9)  # REGION#rid#CASES#UNIT#<lead unit>
region_cases_by_deputy = _gsi(10)  # REGION#rid#CASES#DEPUTY#<deputy> (held ones too)
due = IndexUse("due", "due_pk", "due_at")  # sparse: the next reminder of open cases
outbox = IndexUse("outbox", "outbox_pk", "outbox_at")  # sparse, keys only: unsent notices
open_deadline = IndexUse("open_deadline", "deadline_pk", "deadline_at")  # sparse: overdue board
# sparse, keys only: a deputy's cases newest first, DEPUTY#did#CASES / created#id
inbox_newest = IndexUse("inbox_newest", "inbox_pk", "inbox_at")

# Suggestions: a deputy's or unit's list (party items), the office's queue, the public
# list of a region and year, every suggestion of a region (statistics).
suggestion_parties = _gsi(1)  # DEPUTY#did#SUGGESTIONS or UNIT#uid#SUGGESTIONS / created#id
suggestion_parties_by_status = _gsi(2)  # the same partition / status#created#id
office_suggestions = _gsi(3)  # QUEUE#OFFICE#rid#SUGGESTIONS / status#created
public_suggestions = _gsi(4)  # PUBLIC#rid#SUGGESTIONS#year / number
region_suggestions = _gsi(6)  # REGION#rid#SUGGESTIONS / created (the nightly recount)
key_suggestions = _gsi(5)  # 重点督办 ones of a region: KEY#rid#SUGGESTIONS / created#id

# The office's deputy filters: the same pinyin order within one level, station or group.
deputies_by_level = _gsi(2)  # REGION#rid#DEPUTIES#LEVEL#<level> / <pinyin>#<name>#<id>
deputies_by_station = _gsi(3)  # REGION#rid#DEPUTIES#STATION#<station> / same
deputies_by_group = _gsi(4)  # REGION#rid#DEPUTIES#GROUP#<group> / same
# Duty records (functions/duty): a deputy's records, the region's waiting for review, the
# term/year ranking whole and by level / group / station, activities and sign-ups.
deputy_records = _gsi(1)  # DUTY#DEPUTY#did / <date>#<record id>
pending_records = _gsi(2)  # DUTY#REGION#rid#PENDING / <created>#<record id>
ranking = _gsi(1)  # a region's tallies of one year or term / score key
ranking_by_level = _gsi(2)  # the same within one level
ranking_by_group = _gsi(3)  # the same within one group
ranking_by_station = _gsi(4)  # the same within one station
region_activities = _gsi(1)  # a region's activities / <ends at>#<activity id>
deputy_signups = _gsi(1)  # a deputy's sign-ups / activity id
# Livelihood projects (functions/projects).
region_rounds = _gsi(1)  # a region's yearly rounds / <year>#<opened at>
round_projects = _gsi(1)  # a round's proposals / candidate id
project_comments = _gsi(1)  # a project's comments / <at>#<comment id>
region_projects = _gsi(2)  # a region's projects / <year>#<project id>
project_notices_due = _gsi(3)  # PNOTICES#DUE / <next attempt>#<notice id>
rounds_closing = _gsi(4)  # PROUNDS#CLOSING: open votes and evaluations / <planned close>#id
projects_under_way = _gsi(5)  # PPROJECTS#UNDER_WAY: assigned projects / project id

CASE_USES = (by_owner, inbox_by_status, inbox_newest, queue, unit_done, public, public_by_category,
             region_cases, due, outbox,
             open_deadline, region_cases_by_status, region_cases_by_category,
             region_cases_by_unit, region_cases_by_deputy)


def outside(*uses: IndexUse) -> dict:
    """Attributes that take an item out of each of `uses` (sparse indexes skip missing keys)."""
    return {attr: None for use in uses for attr in (use.hash_attr, use.range_attr)}


SUGGESTION_USES = (office_suggestions, public_suggestions, region_suggestions,
                   key_suggestions, due, outbox)
