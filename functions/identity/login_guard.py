"""Password checks for staff login, limited so guessing is slow and nobody outside can
keep an account locked.

1. Per address: every attempt is counted by one atomic conditional ADD before any
   password is checked (a right one is given back), so parallel guesses from one address
   get at most ADDRESS_ATTEMPTS checks per window, whatever the accounts.
2. Per account: wrong passwords are counted by an atomic ADD (never a versioned put, so
   parallel failures all count and none fails with a 500). After ACCOUNT_FAILURES the
   account is slowed for DELAY: addresses that failed against it wait; an address that
   has not failed still gets its password checked, so the owner can log in meanwhile.
3. An unknown username is checked against a dummy hash: the same answer, a similar time.
"""
from datetime import timedelta

from functions.identity import throttle
from functions.shared.clock import iso, now as clock_now, parse_iso
from functions.shared.errors import RateLimited, Unauthorized
from functions.identity.passwords import dummy_verify, verify_password
from functions.storage import account_writes, keys, prefetch
from functions.storage.models import StaffItem

ADDRESS_ATTEMPTS = 10
ADDRESS_WINDOW = timedelta(minutes=15)
ACCOUNT_FAILURES = 5
DELAY = timedelta(minutes=15)
WRONG = "wrong username or password"


def _failed_here_pk(username: str, address: str) -> str:
    return keys.throttle_pk(f"login-failed#{username}#{address}")


def check_password(*, username: str, password: str, address: str | None) -> StaffItem:
    """The account if the password is right; 401 / 429 otherwise."""
    now = clock_now()
    address = address or "-"
    subject = f"login-ip#{address}"
    throttle.take(subject, limit=ADDRESS_ATTEMPTS, window=ADDRESS_WINDOW, now=now,
                  message="too many failed logins from this address, wait a while")
    staff_pk, failed_pk = keys.staff_pk(username or "-"), _failed_here_pk(username, address)
    items = prefetch.read([(staff_pk, keys.META), (failed_pk, keys.META)])
    item, failed_here = items[staff_pk], items[failed_pk]
    if not isinstance(item, StaffItem):
        dummy_verify(password)
        raise Unauthorized(WRONG)
    slowed = item.locked_until and parse_iso(item.locked_until) > now
    if slowed and failed_here is not None:
        raise RateLimited("too many failed logins, try again later",
                          {"retry_after": item.locked_until})
    if not verify_password(item.password_hash, password) or not item.active:
        _count_failure(item, failed_pk, now)
        raise Unauthorized(WRONG)
    throttle.give_back(subject, window=ADDRESS_WINDOW, now=now)
    if item.failed_logins or item.locked_until:
        account_writes.reset_login_failures(staff_pk)
    return item


def _count_failure(item: StaffItem, failed_pk: str, now) -> None:
    failures = account_writes.add_login_failure(keys.staff_pk(item.username))
    account_writes.mark(failed_pk, expires_at=now + DELAY)
    if failures >= ACCOUNT_FAILURES and failures % ACCOUNT_FAILURES == 0:
        account_writes.set_locked_until(keys.staff_pk(item.username), iso(now + DELAY))
