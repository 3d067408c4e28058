"""The office publishes an activity (点单) of its region, with its check-in code.

Idempotent: the id derives from the office account and the Idempotency-Key, written with
attribute_not_exists. A retry is answered from the stored activity however late it comes:
when the checks a new activity must pass refuse it (its end now past), the key's activity
is looked up before the refusal is given, so only a refused publish pays that read.
"""
from datetime import datetime, timedelta

from functions.identity.access import require_staff
from functions.shared.clock import iso, parse_iso
from functions.shared.errors import ValidationFailed, key_reused
from functions.shared.ids import derived_id, readable_code
from functions.shared.validation import choice_problem, text_problem
from . import activity_store, notices
from .models import ActivityItem
from .views import activity_view

ACTIVITY_KINDS = ("meeting", "inspection", "voter_contact", "group_activity")
MAX_CAPACITY = 10000


def publish(*, actor: dict, idempotency_key, body: dict, now: datetime) -> tuple[dict, bool]:
    """A new activity of the office's region with its check-in code; (activity, created)."""
    actor = require_staff(actor, "office")
    key = idempotency_key.strip() if isinstance(idempotency_key, str) else ""
    if not key or len(key) > 100:
        raise ValidationFailed("an Idempotency-Key header (1–100 characters) is required",
                               {"Idempotency-Key": "required, at most 100 characters"})
    activity_id = "v" + derived_id(f"staff:{actor['username']}", "activity", key)
    try:
        fields = _validate(body, now)
    except ValidationFailed:
        stored = activity_store.find(activity_id)
        if stored is None:
            raise
        return _repeated(stored, body), False  # a late retry: not checked again as new
    item = ActivityItem(pk=None, sk="META", activity_id=activity_id,
                        region_id=actor["region_id"], check_in_code=readable_code(6),
                        signed_up=0, created_at=iso(now), created_by=actor["username"],
                        **fields)
    item.pk = f"ACTIVITY#{item.activity_id}"
    if activity_store.create(item):
        notices.owe(event="activity_published", region_id=item.region_id,
                    ref=item.activity_id, subject=item.title, now=now)
        return activity_view(item, with_code=True), True
    return _repeated(activity_store.get(activity_id), body), False


def _repeated(existing: ActivityItem, body: dict) -> dict:
    """The stored activity of a retried key; 409 if the key came with another activity."""
    title = body.get("title")
    asked = (title.strip() if isinstance(title, str) else title,
             _iso_or_none(body.get("starts_at")))
    if asked != (existing.title, existing.starts_at):
        raise key_reused("activity")
    return activity_view(existing, with_code=True)


def _iso_or_none(value) -> str | None:
    try:
        return iso(parse_iso(value))
    except (TypeError, ValueError, AttributeError):
        return None


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
