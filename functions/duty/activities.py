"""Activities (点单): the office publishes (publishing.py), deputies sign up or cancel,
check in on the day.

Capacity holds under concurrency: a seat is taken by a conditional ADD on the activity's
count before the deputy's sign-up item is written (and given back if that write finds
one already). Check-in makes the deputy's verified record once (automatic.py).
"""
import hmac
from datetime import datetime, timedelta

from functions.identity import throttle
from functions.identity.access import require_staff, require_user
from functions.shared.clock import iso
from functions.shared.errors import Conflict, Forbidden, InvalidTransition, ValidationFailed
from . import activity_store, automatic, check_in_reads, rules
from .callers import acting_deputy
from .views import activity_view, record_view
from .publishing import ACTIVITY_KINDS, publish  # noqa: F401 (the office's create)


def _deputy_and_activity(actor: dict, activity_id: str):
    require_user(actor, "deputy")
    activity = activity_store.get(activity_id)
    deputy = acting_deputy(actor)
    if activity.region_id != deputy.region_id:
        raise Forbidden("this activity belongs to another region")
    return deputy, activity


def open_for_deputy(*, actor: dict, now: datetime) -> dict:
    """Activities of the deputy's region not yet over (check-in still possible)."""
    deputy = acting_deputy(actor)
    items = activity_store.of_region(deputy.region_id,
                                     ending_after=iso(now - rules.CHECK_IN_AFTER))
    mine = activity_store.signed_up_ids(deputy.deputy_id)
    return {"items": [activity_view(i, signed_up=i.activity_id in mine) for i in items
                      if not i.cancelled], "next_cursor": None}


def sign_up(*, actor: dict, activity_id: str, now: datetime) -> dict:
    """Take a seat: 409 when full, signed up already, or past the deadline."""
    deputy, activity = _deputy_and_activity(actor, activity_id)
    _signup_open(activity, now)
    if activity_store.has_signup(activity_id, deputy.deputy_id):
        raise Conflict("you have already signed up", {"signup": "already signed up"})
    activity_store.take_seat(activity)
    if not activity_store.add_signup(activity_id, deputy, iso(now)):
        activity_store.free_seat(activity)  # a twin request signed up first
        raise Conflict("you have already signed up", {"signup": "already signed up"})
    return activity_view(activity, signed_up=True)


def cancel(*, actor: dict, activity_id: str, now: datetime) -> dict:
    """Give the seat back before the deadline."""
    deputy, activity = _deputy_and_activity(actor, activity_id)
    _signup_open(activity, now)
    if not activity_store.remove_signup(activity_id, deputy.deputy_id):
        raise InvalidTransition("you have not signed up", {"signup": "not signed up"})
    activity_store.free_seat(activity)
    return activity_view(activity, signed_up=False)


def _signup_open(activity, now: datetime) -> None:
    problem = rules.signup_problem({"signup_deadline": activity.signup_deadline,
                                    "cancelled": activity.cancelled}, now)
    if problem:
        raise InvalidTransition(f"sign-up is closed: {problem}", {"signup_deadline": problem})


def check_in(*, actor: dict, activity_id: str, code, now: datetime) -> dict:
    """The check-in code of the activity, within its window: the verified record. The
    activity, the deputy, a retry's record and the wrong codes of the hour in one read
    (check_in_reads.py); a new record's rules and tallies in one more (record_reads.py)."""
    deputy_id = require_user(actor, "deputy")["deputy_id"]
    reads = check_in_reads.read(activity_id, deputy_id, now)
    activity = reads.activity
    throttle.refuse_if_full(reads.wrong_codes, limit=check_in_reads.WRONG_CODES_PER_HOUR,
                            window=check_in_reads.WRONG_WINDOW, now=now,
                            message="too many wrong check-in codes, try again later")
    if not isinstance(code, str) or not hmac.compare_digest(
            code.strip().upper().encode(), activity.check_in_code.encode()):
        throttle.count(check_in_reads.wrong_subject(deputy_id),
                       window=check_in_reads.WRONG_WINDOW, now=now)
        raise ValidationFailed("wrong check-in code", {"code": "not this activity's code"})
    if not rules.check_in_open({"starts_at": activity.starts_at,
                                "ends_at": activity.ends_at}, now):
        raise InvalidTransition("check-in is open from 1 hour before the start to 2 hours "
                                "after the end", {"code": "expired or not yet valid"})
    record = reads.record or automatic.activity_record(activity, reads.deputy, now)[0]
    return record_view(record)


def for_office(*, actor: dict, now: datetime) -> list[dict]:
    """The region's activities of the last 90 days and ahead, newest first (admin page)."""
    actor = require_staff(actor, "office", "admin")
    items = activity_store.of_region(actor["region_id"],
                                     ending_after=iso(now - timedelta(days=90)),
                                     newest_first=True)
    return [activity_view(i, with_code=True) for i in items]


def office_detail(*, actor: dict, activity_id: str) -> tuple[dict, list]:
    actor = require_staff(actor, "office", "admin")
    item = activity_store.get(activity_id)
    if item.region_id != actor["region_id"]:
        raise Forbidden("this activity belongs to another region")
    return activity_view(item, with_code=True), activity_store.signups_of(activity_id)
