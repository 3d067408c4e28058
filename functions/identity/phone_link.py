"""One citizen, two doors: a WeChat user verifies its phone and becomes one person with the
H5 phone user of that number, so cases from either door are the person's own in both.

The person's anchor is the phone user (`USER#p…`, its id derived from the number, the
same item H5 phone login finds or creates). No transactions, no scans, three store calls:
1. the caller and its exchange window, one batch (the request layer reads them);
2. claim the phone user for this WeChat user with one conditional UpdateItem that also
   creates it if H5 never saw the number: `linked_user_id` absent or already this caller.
   Another WeChat account's claim stands: 409, nothing is taken over;
3. point the WeChat user at the phone user (`linked_user_id`, `phone`), again only if it
   points nowhere or there already. The claim comes first, so a WeChat user never points
   at a phone that is not its own; a crash between the two is completed by the next try.
Cases are never rewritten: each keeps the owner that submitted it and both doors read
both owners (functions/cases/my_cases.py, access.roles_on), old cases included.
A linked caller gets its user back without another exchange (a retry is free). Exchanges
that link nothing (bad codes, conflicts, WeChat errors) count against an hourly limit.
"""
import logging
from datetime import datetime, timedelta

from pynamodb.exceptions import UpdateError

from functions.channels import wechat_phone
from functions.identity import throttle, users
from functions.identity.access import require_user
from functions.shared.clock import iso
from functions.shared.errors import Conflict, DomainError, Forbidden, ValidationFailed
from functions.storage import keys, prefetch
from functions.storage.conditions import is_condition_failure
from functions.storage.models import UserItem

log = logging.getLogger(__name__)

WINDOW = timedelta(hours=1)
FAILED_PER_HOUR = 10
TOO_MANY = "too many phone number checks, try again later"


def limit_pk(user_id: str, now: datetime) -> str:
    """The window item counting this user's exchanges that linked nothing."""
    return throttle.window_pk(f"phone-check#{user_id}", window=WINDOW, now=now)


def verify_phone(*, actor: dict, code, now: datetime) -> dict:
    """Link the caller's WeChat identity with its verified phone → `{user}`."""
    actor = require_user(actor)
    if not actor.get("openid"):
        raise Forbidden("only a mini-program (WeChat) user verifies a phone this way")
    if not isinstance(code, str) or not code.strip() or len(code) > 128:
        raise ValidationFailed("invalid phone code", {"code": "the phone-number button's code"})
    if actor.get("linked_user_id"):
        return {"user": users.user_view(users.get_user_item(actor["user_id"]))}
    _refuse_if_over(actor["user_id"], now)
    try:
        phone = wechat_phone.phone_of(code.strip())
        person_id = users.phone_user_id(phone)
        _claim(person_id, phone=phone, by=actor["user_id"], now=now)
    except DomainError:
        _count_failure(actor["user_id"], now)
        raise
    return {"user": users.user_view(_point(actor["user_id"], person_id, phone))}


def _claim(person_id: str, *, phone: str, by: str, now: datetime) -> None:
    item = UserItem(pk=keys.user_pk(person_id), sk=keys.META)
    actions = [UserItem.item_type.set(UserItem), UserItem.user_id.set(person_id),
               UserItem.phone.set(phone), UserItem.linked_user_id.set(by),
               UserItem.roles.set(UserItem.roles | {"citizen"}),
               UserItem.created_at.set(UserItem.created_at | iso(now)),
               UserItem.session_generation.set(UserItem.session_generation | 0)]
    free = UserItem.linked_user_id.does_not_exist() | (UserItem.linked_user_id == by)
    if not _update(item, actions, free):
        raise Conflict("this phone number is already linked to another WeChat account",
                       {"phone": "linked to another WeChat account"})


def _point(user_id: str, person_id: str, phone: str) -> UserItem:
    item = UserItem(pk=keys.user_pk(user_id), sk=keys.META)
    unlinked = UserItem.linked_user_id.does_not_exist() | \
        (UserItem.linked_user_id == person_id)
    if _update(item, [UserItem.linked_user_id.set(person_id), UserItem.phone.set(phone)],
               UserItem.pk.exists() & unlinked):
        return item
    # This account linked another number meanwhile (two taps, two phones): let this go.
    _update(UserItem(pk=keys.user_pk(person_id), sk=keys.META),
            [UserItem.linked_user_id.remove()], UserItem.linked_user_id == user_id)
    raise Conflict("this WeChat account is already linked to another phone number",
                   {"phone": "already linked to another number"})


def _update(item: UserItem, actions: list, condition) -> bool:
    """One conditional UpdateItem; False when the condition does not hold."""
    try:
        item.update(actions=actions, condition=condition, add_version_condition=False)
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        return False
    return True


def _refuse_if_over(user_id: str, now: datetime) -> None:
    pk = limit_pk(user_id, now)
    read_ahead, item = prefetch.take(pk)
    if not read_ahead:
        item = prefetch.read([(pk, keys.META)])[pk]
    throttle.refuse_if_full(item, limit=FAILED_PER_HOUR, window=WINDOW, now=now,
                            message=TOO_MANY)


def _count_failure(user_id: str, now: datetime) -> None:
    try:
        throttle.count(f"phone-check#{user_id}", window=WINDOW, now=now)
    except Exception:  # the caller's own error matters more; a missed count lets one by
        log.exception("failed phone check not counted for user %s", user_id)
