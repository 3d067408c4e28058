"""Phone-login codes through the real Aliyun client and the fake SMS server."""
import json
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from functions.identity import phone_login
from functions.shared.config import load_settings
from functions.shared.errors import RateLimited, Unavailable
from functions.storage.connection import configure
from functions.storage.notification_models import NotificationItem
from tests.fakes.fixtures import channel_env

pytestmark = pytest.mark.integration
PHONE = "13912345678"
CODE_TEMPLATE = "SMS_200001"
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc)


def install(store, wechat_fake, sms_endpoint, **changes):
    """The channels as given, and the region the login pages start from."""
    from functions.org import regions
    env = {**channel_env(store, wechat_fake, sms_endpoint), "SMS_CODE_TEMPLATE": CODE_TEMPLATE,
           **changes}
    config = load_settings({k: v for k, v in env.items() if v is not None})
    configure(config)
    regions.forget_cached()
    regions.create_region(region_id="demo", name="示例县")
    return config


@pytest.fixture
def live_sms(store, wechat_fake, sms_fake):
    sms_fake.add_template(CODE_TEMPLATE, ["code"])
    return install(store, wechat_fake, f"127.0.0.1:{sms_fake.port}")


def ask(phone=PHONE):
    clock.set_now(T0)
    return phone_login.request_code(phone=phone, now=T0, region_id="demo")


def records():
    """Code requests are recorded under no region: the caller names the region in the
    form, so no office's log may depend on it."""
    assert list(NotificationItem.query("REGION#demo")) == []
    return list(NotificationItem.query(f"REGION#{phone_login.NO_REGION}"))


def test_the_code_goes_by_sms_and_never_into_the_answer(live_sms, sms_fake):
    answer = ask()
    assert "dev_code" not in answer
    [sent] = sms_fake.sends()
    assert (sent["PhoneNumbers"], sent["TemplateCode"]) == (PHONE, CODE_TEMPLATE)
    code = json.loads(sent["TemplateParam"])["code"]
    assert phone_login.verify_code(phone=PHONE, code=code, now=T0)["token"]


def test_a_sent_code_is_recorded_without_the_code(live_sms, sms_fake):
    ask()
    code = json.loads(sms_fake.sends()[0]["TemplateParam"])["code"]
    [record] = records()
    assert (record.result, record.recipient) == ("sent", "139****5678")
    assert code not in json.dumps(record.payload)


def test_aliyun_refusing_more_codes_is_rate_limited(live_sms, sms_fake):
    sms_fake.throttle(PHONE)
    with pytest.raises(RateLimited):
        ask()
    assert [(r.result, r.detail) for r in records()] == [("failed",
                                                           "isv.BUSINESS_LIMIT_CONTROL")]


def test_an_unreachable_sms_service_is_unavailable(store, wechat_fake):
    install(store, wechat_fake, "127.0.0.1:9")
    with pytest.raises(Unavailable):
        ask()


def test_sms_without_a_code_template_sends_nothing(store, wechat_fake, sms_fake):
    install(store, wechat_fake, f"127.0.0.1:{sms_fake.port}", SMS_CODE_TEMPLATE=None)
    with pytest.raises(Unavailable):
        ask()
    assert sms_fake.requests == []


def test_a_live_wechat_app_without_sms_never_shows_a_code(store, wechat_fake):
    install(store, wechat_fake, None, SMS_ACCESS_KEY_ID=None, SMS_ACCESS_KEY_SECRET=None)
    with pytest.raises(Unavailable):
        ask()
    assert records() == []
