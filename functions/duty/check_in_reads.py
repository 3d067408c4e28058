"""What a check-in needs before its checks, read in one consistent BatchGetItem: the
activity (its code, window and region), the deputy (active, of that region), the record
a retried check-in finds (answered from it, nothing written) and the deputy's wrong codes
of the hour. Consistent, as the separate reads it replaces were: a cancelled activity,
a wrong code just counted and a record just made are seen at once."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from functions.deputies import get_deputy_items_with
from functions.identity import throttle
from functions.shared.errors import Forbidden, NotFound
from functions.shared.ids import derived_id
from functions.storage import keys
from . import repository
from .models import ActivityItem, DutyRecordItem, activity_pk, record_pk

# Wrong check-in codes a deputy may try in an hour: a code cannot be found by guessing.
WRONG_CODES_PER_HOUR = 5
WRONG_WINDOW = timedelta(hours=1)


@dataclass
class CheckInReads:
    activity: ActivityItem
    deputy: object  # DeputyItem
    record: dict | None  # the deputy's record of this activity, if made already
    wrong_codes: object  # the deputy's ThrottleItem of wrong codes this hour, or None


def activity_record_id(activity_id: str, deputy_id: str) -> str:
    return "a" + derived_id("duty-activity", activity_id, deputy_id)


def wrong_subject(deputy_id: str) -> str:
    return f"checkin-wrong#{deputy_id}"


def read(activity_id: str, deputy_id: str, now: datetime) -> CheckInReads:
    """404 for an unknown activity, 403 for a deactivated deputy or another region's
    activity (in that order, as the checks were made one read at a time)."""
    if not keys.plausible_id(activity_id):
        raise NotFound("activity not found")
    activity_key = (activity_pk(activity_id), keys.META)
    record_key = (record_pk(activity_record_id(activity_id, deputy_id)), keys.META)
    wrong_key = (throttle.window_pk(wrong_subject(deputy_id), window=WRONG_WINDOW, now=now),
                 keys.META)
    deputies, found = get_deputy_items_with(
        [deputy_id], [activity_key, record_key, wrong_key], consistent_read=True)
    activity, deputy = found.get(activity_key), deputies.get(deputy_id)
    if not isinstance(activity, ActivityItem):
        raise NotFound(f"activity {activity_id} not found")
    if deputy is None:
        raise NotFound(f"deputy {deputy_id} not found")
    if not deputy.active:
        raise Forbidden("this deputy has been deactivated")
    if activity.region_id != deputy.region_id:
        raise Forbidden("this activity belongs to another region")
    record = found.get(record_key)
    return CheckInReads(activity, deputy,
                        repository.from_item(record) if isinstance(record, DutyRecordItem)
                        else None, found.get(wrong_key))
