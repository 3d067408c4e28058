"""Duty items in the one table (entity chart: docs/duty.md). Key builders live here too."""
from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute, \
    VersionAttribute

from functions.storage.models import BaseItem
from functions.storage.plain_attributes import PlainListAttribute, PlainMapAttribute


def record_pk(record_id: str) -> str:
    return f"DUTY#{record_id}"


def deputy_records_key(deputy_id: str) -> str:
    return f"DUTY#DEPUTY#{deputy_id}"


def pending_key(region_id: str) -> str:
    return f"DUTY#PENDING#{region_id}"


def tally_pk(deputy_id: str) -> str:
    return f"DUTYTALLY#{deputy_id}"


def ranking_key(region_id: str, year: str, field: str | None = None,
                value: str | None = None) -> str:
    """The ranking partition of a region's year, whole or of one level / group / station."""
    base = f"DUTYRANK#{region_id}#{year}"
    return f"{base}#{field}#{value}" if field else base


def rules_pk(region_id: str) -> str:
    return f"DUTYRULES#{region_id}"


def activity_pk(activity_id: str) -> str:
    return f"ACTIVITY#{activity_id}"


def notice_pk(notice_id: str) -> str:
    return f"DUTYNOTICE#{notice_id}"


def signup_sk(deputy_id: str) -> str:
    return f"SIGNUP#{deputy_id}"


def region_activities_key(region_id: str) -> str:
    return f"DUTY#ACTIVITIES#{region_id}"


def deputy_signups_key(deputy_id: str) -> str:
    return f"DUTY#SIGNUPS#{deputy_id}"


class DutyRecordItem(BaseItem, discriminator="duty_record"):
    """One duty record, in `deputy_records` (by date) and, while pending, `pending_records`."""
    record_id = UnicodeAttribute()
    deputy_id = UnicodeAttribute()
    region_id = UnicodeAttribute()
    deputy_name = UnicodeAttribute(null=True)
    kind = UnicodeAttribute()
    title = UnicodeAttribute()
    date = UnicodeAttribute()
    content = UnicodeAttribute(null=True)
    photos = PlainListAttribute(null=True)
    place = UnicodeAttribute(null=True)
    source = UnicodeAttribute()
    ref = UnicodeAttribute(null=True)
    via = UnicodeAttribute(null=True)  # case records: reply | forward
    cosigner = BooleanAttribute(default=False)
    status = UnicodeAttribute()
    points = NumberAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    version = VersionAttribute()


class DutyTallyItem(BaseItem, discriminator="duty_tally"):
    """A deputy's verified points and counts of one year (sk = year), moved by ADD.
    In `ranking` and `ranking_by_level` / `_group` / `_station` (storage.indexes)."""
    deputy_id = UnicodeAttribute()
    region_id = UnicodeAttribute()
    year = UnicodeAttribute()
    name = UnicodeAttribute(null=True)
    level = UnicodeAttribute(null=True)
    group = UnicodeAttribute(null=True, attr_name="deputy_group")
    station = UnicodeAttribute(null=True)
    points = NumberAttribute(default=0)
    count_meeting = NumberAttribute(default=0)
    count_inspection = NumberAttribute(default=0)
    count_suggestion = NumberAttribute(default=0)
    count_voter_contact = NumberAttribute(default=0)
    count_group_activity = NumberAttribute(default=0)
    # How many ADDs the tally has had: the recount's version marker (tally_rewrite.replace).
    moves = NumberAttribute(null=True)


class DutyRulesItem(BaseItem, discriminator="duty_rules"):
    """A region's points per kind and the start of the current term."""
    region_id = UnicodeAttribute()
    points = PlainMapAttribute(null=True)
    term_start = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)


class ActivityItem(BaseItem, discriminator="activity"):
    """An activity the office publishes (点单); `region_activities`: the region's by end time."""
    activity_id = UnicodeAttribute()
    region_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    title = UnicodeAttribute()
    starts_at = UnicodeAttribute()
    ends_at = UnicodeAttribute()
    place = UnicodeAttribute()
    capacity = NumberAttribute(null=True)
    signup_deadline = UnicodeAttribute()
    check_in_code = UnicodeAttribute()
    signed_up = NumberAttribute(default=0)
    cancelled = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute(null=True)


class ActivitySignupItem(BaseItem, discriminator="activity_signup"):
    """A deputy's place in an activity (sk SIGNUP#deputy); `deputy_signups`: the deputy's."""
    activity_id = UnicodeAttribute()
    deputy_id = UnicodeAttribute()
    deputy_name = UnicodeAttribute(null=True)
    at = UnicodeAttribute()


class DutyNoticeItem(BaseItem, discriminator="duty_notice"):
    """A notice owed to a deputy (or to every deputy of a region, until fanned out); in
    the `outbox` index until delivered, claimed by a versioned write before its send."""
    notice_id = UnicodeAttribute()
    region_id = UnicodeAttribute()
    event = UnicodeAttribute()  # duty_verified | duty_rejected | activity_published | ...
    audience = UnicodeAttribute()  # one | deputies | office (the last two: fanned out)
    recipient = UnicodeAttribute(null=True)  # deputy:<id> | staff:<username>
    subject = UnicodeAttribute()
    ref = UnicodeAttribute()
    at = UnicodeAttribute()
    claimed_at = UnicodeAttribute(null=True)
    attempts = NumberAttribute(default=0)
    version = VersionAttribute()


DUTY_MODELS = (DutyRecordItem, DutyTallyItem, DutyRulesItem, ActivityItem,
               ActivitySignupItem, DutyNoticeItem)
