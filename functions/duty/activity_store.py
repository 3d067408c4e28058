"""Activities and sign-ups: the seat count moves by conditional ADD, never past capacity."""
from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, UpdateError

from functions.shared.errors import Conflict, NotFound
from functions.storage import indexes, keys
from functions.storage.conditions import is_condition_failure
from .models import (ActivityItem, ActivitySignupItem, activity_pk, deputy_signups_key,
                     region_activities_key, signup_sk)


def create(item: ActivityItem) -> bool:
    for attr, value in indexes.region_activities.entry(
            region_activities_key(item.region_id), f"{item.ends_at}#{item.activity_id}").items():
        setattr(item, attr, value)
    try:
        item.save(condition=ActivityItem.pk.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


def get(activity_id: str) -> ActivityItem:
    if not keys.plausible_id(activity_id):
        raise NotFound("activity not found")
    try:
        return ActivityItem.get(activity_pk(activity_id), keys.META, consistent_read=True)
    except DoesNotExist:
        raise NotFound(f"activity {activity_id} not found") from None


def find(activity_id: str) -> ActivityItem | None:
    """The activity, or None: one consistent GetItem (a refused publish's retry)."""
    try:
        return get(activity_id)
    except NotFound:
        return None


def of_region(region_id: str, *, ending_after: str, limit: int = 50, newest_first=False):
    """The region's activities that end after `ending_after`, by end time."""
    return list(indexes.region_activities.query(
        ActivityItem, region_activities_key(region_id),
        indexes.region_activities.sort_key(ActivityItem) >= ending_after,
        scan_index_forward=not newest_first, limit=limit))


def signed_up_ids(deputy_id: str) -> set[str]:
    return {s.activity_id for s in indexes.deputy_signups.query(
        ActivitySignupItem, deputy_signups_key(deputy_id))}


def signups_of(activity_id: str) -> list[ActivitySignupItem]:
    return list(ActivitySignupItem.query(activity_pk(activity_id),
                                         ActivitySignupItem.sk.startswith("SIGNUP#")))


def has_signup(activity_id: str, deputy_id: str) -> bool:
    try:
        ActivitySignupItem.get(activity_pk(activity_id), signup_sk(deputy_id))
        return True
    except DoesNotExist:
        return False


def take_seat(item: ActivityItem) -> None:
    """One more seat taken, if a seat is free: Conflict when full."""
    has_room = ActivityItem.capacity.does_not_exist() | \
        (ActivityItem.signed_up < ActivityItem.capacity)
    try:
        item.update(actions=[ActivityItem.signed_up.add(1)], condition=has_room)
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise Conflict("this activity is full", {"capacity": "no seat left"}) from None
        raise


def free_seat(item: ActivityItem) -> None:
    item.update(actions=[ActivityItem.signed_up.add(-1)])


def add_signup(activity_id: str, deputy, at: str) -> bool:
    """The deputy's sign-up item; False if there already is one."""
    signup = ActivitySignupItem(
        pk=activity_pk(activity_id), sk=signup_sk(deputy.deputy_id), activity_id=activity_id,
        deputy_id=deputy.deputy_id, deputy_name=deputy.name, at=at,
        **indexes.deputy_signups.entry(deputy_signups_key(deputy.deputy_id), activity_id))
    try:
        signup.save(condition=ActivitySignupItem.pk.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


def remove_signup(activity_id: str, deputy_id: str) -> bool:
    """Delete the deputy's sign-up; False if there was none."""
    try:
        ActivitySignupItem(pk=activity_pk(activity_id), sk=signup_sk(deputy_id)).delete(
            condition=ActivitySignupItem.pk.exists())
    except DeleteError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True
