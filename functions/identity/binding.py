"""A deputy binds their WeChat identity with the one-time code the office gave them.

Three store calls and no transactions: read the code and the caller (one batch, made by
the request layer), claim the deputy with one conditional update (the code must still be
on an active deputy, or the deputy already bound to this same user: a retry after a
crash completes), then give the user the role. The caller's token carries it at once
(roles are read per request). A code issued while someone else held the deputy names
them: they lose the role before the new user gets it, so a crash between the two writes
leaves nobody with it rather than two people. Codes expire after BIND_CODE_DAYS; wrong
codes are counted per user and per address and refused past the limits.
"""
from datetime import datetime, timedelta

from pynamodb.exceptions import DoesNotExist, UpdateError

from functions.identity import throttle
from functions.identity.access import require_user
from functions.shared.clock import iso, parse_iso
from functions.shared.errors import NotFound, RateLimited, ValidationFailed
from functions.identity.principals import user_session
from functions.storage import account_writes, keys, prefetch
from functions.storage.conditions import is_condition_failure
from functions.storage.models import BindCodeItem, ThrottleItem, UserItem

BIND_CODE_DAYS = 30
WRONG_PER_USER = 5
WRONG_PER_ADDRESS = 20
WRONG_WINDOW = timedelta(hours=1)
UNKNOWN = "this bind code is unknown, expired or already used"


def code_pk(bind_code) -> str | None:
    code = bind_code.strip().upper() if isinstance(bind_code, str) else ""
    return keys.bind_pk(code) if code and len(code) <= 32 and code.isalnum() else None


def failure_pks(user_id: str, address: str | None, now: datetime) -> list[str]:
    """The throttle items counting this user's and this address's wrong codes now."""
    start = int(throttle.window_start(now, WRONG_WINDOW).timestamp())
    return [keys.throttle_pk(f"bind-user#{user_id}#{start}"),
            keys.throttle_pk(f"bind-ip#{address or '-'}#{start}")]


def bind(*, actor: dict, bind_code, now: datetime, address: str | None = None) -> dict:
    actor = require_user(actor)
    pk = code_pk(bind_code)
    if pk is None:
        raise ValidationFailed("invalid bind code", {"bind_code": "the code from the office"})
    counters = failure_pks(actor["user_id"], address, now)
    for counter, limit in zip(counters, (WRONG_PER_USER, WRONG_PER_ADDRESS)):
        if _hits(counter) >= limit:
            raise RateLimited("too many wrong bind codes, try again later", {
                "retry_after": iso(throttle.window_start(now, WRONG_WINDOW) + WRONG_WINDOW)})
    link = _read(pk)
    expired = link is not None and link.created_at and \
        parse_iso(link.created_at) + timedelta(days=BIND_CODE_DAYS) < now
    if link is None or expired:
        _count_wrong(counters, now)
        raise NotFound(UNKNOWN)
    if link.previous_user_id and link.previous_user_id != actor["user_id"]:
        take_role(user_id=link.previous_user_id, deputy_id=link.deputy_id)
    if not account_writes.claim_deputy(deputy_id=link.deputy_id, bind_code=link.bind_code,
                                       user_id=actor["user_id"], openid=actor.get("openid")):
        _count_wrong(counters, now)
        raise NotFound(UNKNOWN)
    user = UserItem(pk=keys.user_pk(actor["user_id"]), sk=keys.META)
    try:
        user.update(actions=[UserItem.roles.add({"deputy"}),
                             UserItem.deputy_id.set(link.deputy_id)],
                    condition=UserItem.pk.exists())
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise NotFound("log in again") from None
        raise
    return user_session(user)


def take_role(*, user_id: str, deputy_id: str) -> None:
    """The user is no longer that deputy (nothing changes if they are not, or no more)."""
    user = UserItem(pk=keys.user_pk(user_id), sk=keys.META)
    try:
        user.update(actions=[UserItem.roles.delete({"deputy"}), UserItem.deputy_id.remove()],
                    condition=UserItem.deputy_id == deputy_id)
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        # Not (or no longer) bound to this deputy: there is no role to take.


def _read(pk: str):
    read_ahead, item = prefetch.take(pk)
    if read_ahead:
        return item if isinstance(item, BindCodeItem) else None
    try:
        return BindCodeItem.get(pk, keys.META)
    except DoesNotExist:
        return None


def _hits(pk: str) -> int:
    read_ahead, item = prefetch.take(pk)
    if not read_ahead:
        try:
            item = ThrottleItem.get(pk, keys.META)
        except DoesNotExist:
            item = None
    return int(item.hits or 0) if isinstance(item, ThrottleItem) else 0


def _count_wrong(counters: list[str], now: datetime) -> None:
    for counter in counters:
        account_writes.mark(counter, expires_at=now + 2 * WRONG_WINDOW)
