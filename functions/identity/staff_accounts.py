"""Staff accounts (admin, office, unit): creation and password login with lock-out."""
from datetime import datetime, timedelta

from pynamodb.exceptions import DoesNotExist, PutError

from functions.shared.clock import iso, now as clock_now, parse_iso
from functions.shared.errors import Conflict, RateLimited, Unauthorized, ValidationFailed
from functions.shared.validation import phone_problem
from functions.identity.passwords import hash_password, verify_password
from functions.storage import indexes, keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import StaffItem

ROLES = ("admin", "office", "unit")
MAX_FAILURES = 5
LOCK_MINUTES = 15


def create_account(*, username: str, password: str, role: str, region_id: str,
                   unit_id: str | None = None, phone: str | None = None,
                   now: datetime | None = None) -> dict:
    problems = {}
    username = username.strip() if isinstance(username, str) else ""
    if not (3 <= len(username) <= 32) or not username.replace("_", "").replace(".", "").isalnum():
        problems["username"] = "3–32 letters, digits, '_' or '.'"
    if not isinstance(password, str) or len(password) < 8:
        problems["password"] = "at least 8 characters"
    if role not in ROLES:
        problems["role"] = f"one of {', '.join(ROLES)}"
    if role == "unit" and not unit_id:
        problems["unit_id"] = "required for role unit"
    if phone in (None, ""):
        phone = None
    elif phone_problem(phone):
        problems["phone"] = phone_problem(phone)
    else:
        phone = phone.strip()
    if problems:
        raise ValidationFailed("invalid account", problems)
    item = StaffItem(pk=keys.staff_pk(username), sk=keys.META, username=username,
                     password_hash=hash_password(password), role=role, region_id=region_id,
                     unit_id=unit_id if role == "unit" else None, phone=phone,
                     created_at=iso(now or clock_now()),
                     **_recipient_index(role, region_id, unit_id),
                     **indexes.region_staff.entry(keys.region_staff_key(region_id), username))
    try:
        item.save(condition=StaffItem.pk.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            raise Conflict("username already taken", {"username": "taken"}) from None
        raise
    return account_view(item)


def _recipient_index(role: str, region_id: str, unit_id: str | None) -> dict:
    """Unit and office staff are found by whom they work for, to be notified."""
    if role == "unit":
        return indexes.staff_to_notify.entry(keys.unit_staff_key(unit_id), "staff")
    if role == "office":
        return indexes.staff_to_notify.entry(keys.office_staff_key(region_id), "staff")
    return {}


def authenticate(*, username: str, password: str) -> dict:
    """Check a password; after MAX_FAILURES wrong ones the account is locked for a while."""
    try:
        item = StaffItem.get(keys.staff_pk(username or "-"), keys.META)
    except DoesNotExist:
        raise Unauthorized("wrong username or password") from None
    now = clock_now()
    if item.locked_until and parse_iso(item.locked_until) > now:
        raise RateLimited("too many failed logins, try again later",
                          {"retry_after": item.locked_until})
    if not item.active or not verify_password(item.password_hash, password or ""):
        _record_failure(item, now)
        raise Unauthorized("wrong username or password")
    if item.failed_logins:
        item.update(actions=[StaffItem.failed_logins.set(0), StaffItem.locked_until.remove()])
    return account_view(item)


def _record_failure(item: StaffItem, now) -> None:
    failures = (item.failed_logins or 0) + 1
    actions = [StaffItem.failed_logins.add(1)]
    if failures >= MAX_FAILURES:
        actions = [StaffItem.failed_logins.set(0),
                   StaffItem.locked_until.set(iso(now + timedelta(minutes=LOCK_MINUTES)))]
    item.update(actions=actions)


def account_view(item: StaffItem) -> dict:
    return {"username": item.username, "role": item.role, "region_id": item.region_id,
            "unit_id": item.unit_id, "active": item.active}


def still_allowed(actor: dict) -> bool:
    """A deactivated account or a changed role ends its sessions at the next click."""
    try:
        item = StaffItem.get(keys.staff_pk(actor["username"]), keys.META)
    except DoesNotExist:
        return False
    return item.active and item.role == actor["role"] and item.region_id == actor["region_id"]
