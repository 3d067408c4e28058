"""A throttled SMS goes again when Aliyun's limit allows: the level its refusal names."""
from datetime import datetime, timezone

import pytest

from functions.notifications.sms_retry import retry_at

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # 10:00 in Beijing


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@pytest.mark.parametrize("detail, expected", [
    ("isv.BUSINESS_LIMIT_CONTROL: 触发分钟级流控Permits:1", "2026-11-30T02:01:00"),
    ("isv.BUSINESS_LIMIT_CONTROL: 触发小时级流控Permits:5", "2026-11-30T03:00:00"),
    # A natural day in Beijing ends at 16:00 UTC; a minute's margin past it.
    ("isv.BUSINESS_LIMIT_CONTROL: 触发号码天级流控Permits:10", "2026-11-30T16:01:00"),
    ("isv.BUSINESS_LIMIT_CONTROL: 触发天级流控Permits:50", "2026-11-30T16:01:00"),
    ("isv.DAY_LIMIT_CONTROL: 触发日发送限额", "2026-11-30T16:01:00"),
    ("isv.MONTH_LIMIT_CONTROL: 触发月发送限额", "2026-11-30T16:01:00"),  # 1 Dec in Beijing
    ("Throttling.User: Request was denied due to user flow control.", "2026-11-30T02:01:00"),
    ("isv.BUSINESS_LIMIT_CONTROL: 业务限流", "2026-11-30T03:00:00"),
    ("isp.SYSTEM_ERROR: 系统错误", "2026-11-30T02:05:00"),
    ("ConnectionFailed: could not connect; nothing was sent", "2026-11-30T02:05:00"),
], ids=["minute", "hour", "number-day", "template-day", "day-quota", "month-quota", "api-rate",
        "level-unsaid", "system-error", "no-connection"])
def test_each_refusal_is_retried_when_its_limit_allows(detail, expected):
    assert retry_at(detail, NOW) == at(expected)


def test_a_day_limit_late_in_the_beijing_evening_waits_only_for_midnight():
    evening = at("2026-11-30T15:30:00")  # 23:30 in Beijing
    assert retry_at("isv.DAY_LIMIT_CONTROL: x", evening) == at("2026-11-30T16:01:00")


def test_a_month_limit_in_december_waits_for_january():
    assert retry_at("isv.MONTH_LIMIT_CONTROL: x", at("2026-12-15T02:00:00")) == \
        at("2026-12-31T16:01:00")
