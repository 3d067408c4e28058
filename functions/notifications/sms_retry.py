"""When a throttled SMS may go again: as soon as Aliyun's limit allows, not a fixed hour.

Aliyun refuses a send over a per-number limit with `isv.BUSINESS_LIMIT_CONTROL` and names
the level in its message ("触发分钟级流控Permits:1", "触发小时级流控Permits:5",
"触发号码天级流控Permits:10"); the defaults are 1 a minute, 5 an hour, 10 a day for codes
and 50 a natural (Beijing) day per signature and template for notices. A spent daily or
monthly quota is `isv.DAY_LIMIT_CONTROL` / `isv.MONTH_LIMIT_CONTROL`; the API's own rate is
`Throttling` / `Throttling.User`. Anything else worth a retry (a busy gateway, a refused
connection) is tried again in a few minutes: each attempt is logged, and an outage should
not write a record a minute for every phone.
"""
from datetime import datetime, timedelta, timezone

from functions.notifications import sms_queue_writes as writes
from functions.shared.clock import iso
from functions.shared.moments import SHANGHAI

MINUTE, HOUR = timedelta(minutes=1), timedelta(hours=1)
NOT_A_LIMIT = timedelta(minutes=5)
MARGIN = timedelta(minutes=1)  # past a day's or month's turn, in case clocks differ a little


def throttled(phone: str, batch: dict, detail: str, now: datetime, *,
              window: timedelta) -> str:
    """When the refused `batch` goes again. The phone's `window` (one SMS in it) is moved
    to open then: the claim counted a send that never reached the phone."""
    again = retry_at(detail, now)
    writes.reopen_window(phone=phone, claimed_at=batch["at"], window_from=iso(again - window))
    return iso(again)


def retry_at(detail: str | None, now: datetime) -> datetime:
    """The earliest moment a send refused with `detail` ("code: message") may go again."""
    code, _, message = (detail or "").partition(": ")
    if code == "isv.MONTH_LIMIT_CONTROL":
        return _next_local_month(now) + MARGIN
    if code == "isv.DAY_LIMIT_CONTROL" or "天级" in message:
        return _next_local_day(now) + MARGIN
    if "小时级" in message:
        return now + HOUR
    if "分钟级" in message or code in ("Throttling", "Throttling.User"):
        return now + MINUTE
    if code == "isv.BUSINESS_LIMIT_CONTROL":
        return now + HOUR  # the level unsaid: the longest short one, not a whole day
    return now + NOT_A_LIMIT


def _next_local_day(now: datetime) -> datetime:
    local = now.astimezone(SHANGHAI) + timedelta(days=1)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(timezone.utc)


def _next_local_month(now: datetime) -> datetime:
    local = now.astimezone(SHANGHAI)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    return local.replace(year=year, month=month, day=1, hour=0, minute=0, second=0,
                         microsecond=0).astimezone(timezone.utc)
