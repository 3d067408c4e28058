"""H5 login by phone: a 6-digit SMS code, throttled as Aliyun throttles verification codes.

Per phone 1 a minute, 5 an hour, 10 a day over the recorded sends (sliding windows, so we
never ask Aliyun for a code it would refuse). The code is kept only as an HMAC, lives 5
minutes and dies after 5 wrong tries. A try is counted before the comparison, so parallel
guesses cannot slip past the limit; a right code is used up by a conditional write.
"""
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError

from functions.identity import users
from functions.shared.clock import iso, parse_iso
from functions.shared.config import settings
from functions.shared.errors import RateLimited, Unauthorized, ValidationFailed
from functions.shared.person_identity import normal_phone
from functions.shared.validation import phone_problem
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import PhoneCodeItem, ThrottleItem
from functions.identity.phone_code_delivery import NO_REGION, known_region, send_code
from functions.identity.principals import user_session

CODE_TTL = timedelta(minutes=5)
MAX_TRIES = 5
PHONE_LIMITS = ((timedelta(minutes=1), 1), (timedelta(hours=1), 5), (timedelta(days=1), 10))
# Generous: villagers at one liaison station often share one Wi-Fi or carrier NAT address.
IP_LIMIT_PER_HOUR = 30


def request_code(*, phone, now: datetime, ip: str | None = None,
                 region_id: str | None = None) -> dict:
    """Send a fresh code to `phone`; `dev_code` is in the answer only in local dev mode."""
    phone = _valid_phone(phone)
    region_id = known_region(region_id)  # before anything is counted or sent
    if ip:
        _count_ip(ip, now)
    item = _code_item(phone)
    sends = sorted(s for s in item.sends or [] if parse_iso(s) > now - timedelta(days=1))
    for window, limit in PHONE_LIMITS:
        recent = [s for s in sends if parse_iso(s) > now - window]
        if len(recent) >= limit:
            retry_at = parse_iso(recent[-limit]) + window
            raise RateLimited("too many codes for this phone, try again later",
                              {"retry_after": iso(retry_at)})
    code = f"{secrets.randbelow(10 ** 6):06d}"
    item.sends, item.tries = sends + [iso(now)], 0
    item.code_hash, item.code_expires = _hash(phone, code), iso(now + CODE_TTL)
    item.expires_at = now + timedelta(days=1)  # cloud-side cleanup only
    try:
        item.save()  # version-guarded: of two racing requests only one sends
    except PutError as exc:
        if not is_condition_failure(exc):
            raise
        raise RateLimited("a code was just requested for this phone",
                          {"retry_after": iso(now + PHONE_LIMITS[0][0])}) from None
    return send_code(phone, code, now, region_id or NO_REGION,
                     {"expires_at": iso(now + CODE_TTL),
                      "resend_after": iso(now + PHONE_LIMITS[0][0])})


def verify_code(*, phone, code, now: datetime) -> dict:
    """A user session for the phone's owner (created on first login) if the code is right."""
    phone = _valid_phone(phone)
    code = code.strip() if isinstance(code, str) else ""
    if len(code) != 6 or not code.isdigit():
        raise ValidationFailed("invalid code", {"code": "the 6 digits from the SMS"})
    item = _code_item(phone)
    if not item.code_hash or parse_iso(item.code_expires) <= now:
        raise Unauthorized("no valid code for this phone, ask for a new one",
                           {"code": "expired"})
    stored = item.code_hash
    same_code = PhoneCodeItem.code_hash == stored
    _guarded(item, [PhoneCodeItem.tries.add(1)], same_code & (PhoneCodeItem.tries < MAX_TRIES),
             RateLimited("too many wrong codes, ask for a new one", {"code": "too_many_tries"}))
    if not hmac.compare_digest(stored, _hash(phone, code)):
        raise Unauthorized("wrong code", {"code": "wrong",
                                          "tries_left": max(0, MAX_TRIES - item.tries)})
    _guarded(item, [PhoneCodeItem.code_hash.remove(), PhoneCodeItem.code_expires.remove()],
             same_code, Unauthorized("this code was already used", {"code": "used"}))
    user = users.find_or_create(user_id=users.phone_user_id(phone), phone=phone, now=now)
    return user_session(user)


def _valid_phone(phone) -> str:
    # Written down as deputies' phones are ("+86 139-1234-5678" is 13912345678), so the
    # phone user is the same whichever way the number was typed or WeChat gave it.
    phone = normal_phone(phone)
    problem = phone_problem(phone)
    if problem:
        raise ValidationFailed("invalid phone", {"phone": problem})
    return phone.strip()


def _code_item(phone: str) -> PhoneCodeItem:
    # Keyed by the phone's user id: no raw phone number in a key.
    pk = keys.throttle_pk(f"sms-code#{users.phone_user_id(phone)}")
    try:
        return PhoneCodeItem.get(pk, keys.META, consistent_read=True)
    except DoesNotExist:
        return PhoneCodeItem(pk=pk, sk=keys.META)


def _count_ip(ip: str, now: datetime) -> None:
    """One more code asked from this address this hour, unless it is over the limit."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    item = ThrottleItem(pk=keys.throttle_pk(f"sms-ip#{ip}#{hour:%Y%m%d%H}"), sk=keys.META)
    _guarded(item, [ThrottleItem.item_type.set(ThrottleItem), ThrottleItem.hits.add(1),
                    ThrottleItem.window_start.set(iso(hour)),
                    ThrottleItem.expires_at.set(hour + timedelta(hours=2))],
             ThrottleItem.hits.does_not_exist() | (ThrottleItem.hits < IP_LIMIT_PER_HOUR),
             RateLimited("too many codes from this address, try again later",
                         {"retry_after": iso(hour + timedelta(hours=1))}))


def _guarded(item, actions, condition, refusal: Exception) -> None:
    """One conditional update (no version check); `refusal` is raised if the condition fails."""
    try:
        item.update(actions=actions, condition=condition, add_version_condition=False)
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        raise refusal from None


def _hash(phone: str, code: str) -> str:
    # Keyed with the app secret: a copy of the table alone cannot reverse 6 digits.
    message = f"phone-code\x1f{phone}\x1f{code}".encode()
    return hmac.new(settings().secret_key.encode(), message, hashlib.sha256).hexdigest()
