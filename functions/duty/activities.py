"""Activities (点单): the office publishes, deputies sign up or cancel, check in on the day.

Capacity holds under concurrency: a seat is taken by a conditional ADD on the activity's
count before the deputy's sign-up item is written (and given back if that write finds
one already). Check-in makes the deputy's verified record once (automatic.py).
"""
import hmac
from datetime import datetime, timedelta

from functions.identity.access import require_staff, require_user
from functions.shared.clock import iso, parse_iso
from functions.shared.errors import Conflict, Forbidden, InvalidTransition, ValidationFailed
from functions.shared.validation import choice_problem, text_problem
from functions.shared.ids import derived_id, readable_code
from . import activity_store, automatic, notices, rules
from .models import ActivityItem
from .callers import acting_deputy
from .views import activity_view, record_view

ACTIVITY_KINDS = ("meeting", "inspection", "voter_contact", "group_activity")
MAX_CAPACITY = 10000


def publish(*, actor: dict, idempotency_key, body: dict, now: datetime) -> tuple[dict, bool]:
    """A new activity of the office's region with its check-in code; (activity, created)."""
    actor = require_staff(actor, "office")
    key = idempotency_key.strip() if isinstance(idempotency_key, str) else ""
    if not key or len(key) > 100:
        raise ValidationFailed("an Idempotency-Key header (1–100 characters) is required",
                               {"Idempotency-Key": "required, at most 100 characters"})
    fields = _validate(body, now)
    item = ActivityItem(pk=None, sk="META", activity_id="v" + derived_id(
        f"staff:{actor['username']}", "activity", key), region_id=actor["region_id"],
        check_in_code=readable_code(6), signed_up=0, created_at=iso(now),
        created_by=actor["username"], **fields)
    item.pk = f"ACTIVITY#{item.activity_id}"
    if activity_store.create(item):
        notices.owe(event="activity_published", region_id=item.region_id,
                    ref=item.activity_id, subject=item.title, now=now)
        return activity_view(item, with_code=True), True
    existing = activity_store.get(item.activity_id)
    if (existing.title, existing.starts_at) != (item.title, item.starts_at):
        raise Conflict("this Idempotency-Key was already used for a different activity",
                       {"Idempotency-Key": "reused with a different request"})
    return activity_view(existing, with_code=True), False


def _validate(body: dict, now: datetime) -> dict:
    problems = {"kind": choice_problem(body.get("kind"), ACTIVITY_KINDS),
                "title": text_problem(body.get("title"), field_max=100),
                "place": text_problem(body.get("place"), field_max=100)}
    times = {}
    for name in ("starts_at", "ends_at", "signup_deadline"):
        value = body.get(name)
        if value is None and name == "signup_deadline":
            continue
        try:
            times[name] = parse_iso(value)
        except (TypeError, ValueError, AttributeError):
            problems[name] = "an ISO 8601 time"
    starts, ends = times.get("starts_at"), times.get("ends_at")
    if starts and ends and ends <= starts:
        problems["ends_at"] = "after starts_at"
    if ends and ends <= now:
        problems["ends_at"] = "in the future"
    if ends and starts and ends - starts > timedelta(days=7):
        problems["ends_at"] = "at most 7 days after starts_at"
    deadline = times.get("signup_deadline") or starts
    if starts and times.get("signup_deadline") and deadline > starts:
        problems["signup_deadline"] = "not after starts_at"
    capacity = body.get("capacity")
    if capacity is not None and (isinstance(capacity, bool) or not isinstance(capacity, int)
                                 or not 1 <= capacity <= MAX_CAPACITY):
        problems["capacity"] = f"a whole number from 1 to {MAX_CAPACITY}"
    problems = {k: v for k, v in problems.items() if v}
    if problems:
        raise ValidationFailed("invalid activity", problems)
    return {"kind": body["kind"], "title": body["title"].strip(),
            "place": body["place"].strip(), "capacity": capacity, "starts_at": iso(starts),
            "ends_at": iso(ends), "signup_deadline": iso(deadline)}


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
    """The check-in code of the activity, within its window: the verified record."""
    deputy, activity = _deputy_and_activity(actor, activity_id)
    if not isinstance(code, str) or not hmac.compare_digest(
            code.strip().upper().encode(), activity.check_in_code.encode()):
        raise ValidationFailed("wrong check-in code", {"code": "not this activity's code"})
    if not rules.check_in_open({"starts_at": activity.starts_at,
                                "ends_at": activity.ends_at}, now):
        raise InvalidTransition("check-in is open from 1 hour before the start to 2 hours "
                                "after the end", {"code": "expired or not yet valid"})
    record, _ = automatic.activity_record(activity, deputy, now)
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
