"""Staff accounts (admin, office, unit): creation and password login with lock-out."""
from datetime import datetime

from pynamodb.exceptions import PutError

from functions.shared.clock import iso, now as clock_now
from functions.shared.errors import Conflict, ValidationFailed
from functions.shared.validation import phone_problem
from functions.identity.passwords import hash_password
from functions.storage import directory_keys, indexes, keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import StaffItem

ROLES = ("admin", "office", "unit")


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
                     **indexes.region_staff.entry(directory_keys.region_staff_key(region_id),
                                                  username))
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
        return indexes.staff_to_notify.entry(directory_keys.unit_staff_key(unit_id), "staff")
    if role == "office":
        return indexes.staff_to_notify.entry(directory_keys.office_staff_key(region_id), "staff")
    return {}


def authenticate(*, username: str, password: str, address: str | None = None) -> StaffItem:
    """The account if the password is right (limits: functions/login_guard.py)."""
    from functions.identity.login_guard import check_password
    return check_password(username=username, password=password, address=address)


def account_view(item: StaffItem) -> dict:
    return {"username": item.username, "role": item.role, "region_id": item.region_id,
            "unit_id": item.unit_id, "active": item.active}

