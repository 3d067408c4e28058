"""The real aliyunsdkcore client against the fake Aliyun SMS."""
import json

import pytest

from functions.channels import sms
from tests.fakes.fixtures import SMS_TEMPLATE

pytestmark = pytest.mark.integration
PHONE = "13800138000"
PARAMS = {"case_id": "C0001", "deadline": "10月1日"}


def send(phone=PHONE, params=PARAMS, **options):
    return sms.send_sms(phone=phone, template_code=SMS_TEMPLATE, params=params,
                        out_id="notif-1", **options)


def test_an_accepted_sms_reports_its_biz_id(channel_settings, sms_fake):
    outcome = send()
    assert outcome.ok and outcome.code == "OK"
    assert outcome.biz_id


def test_the_request_carries_the_phone_sign_template_params_and_out_id(channel_settings, sms_fake):
    send()
    sent = sms_fake.sends()[0]
    assert (sent["Action"], sent["Version"]) == ("SendSms", "2017-05-25")
    assert (sent["PhoneNumbers"], sent["SignName"], sent["TemplateCode"], sent["OutId"]) == \
        (PHONE, "码上办", SMS_TEMPLATE, "notif-1")
    assert json.loads(sent["TemplateParam"]) == PARAMS


def test_a_throttled_phone_is_a_failure_worth_retrying_later(channel_settings, sms_fake):
    sms_fake.throttle(PHONE)
    outcome = send()
    assert (outcome.ok, outcome.code) == (False, "isv.BUSINESS_LIMIT_CONTROL")
    assert (outcome.retryable, outcome.maybe_sent) == (True, False)


def test_an_illegal_number_fails_for_good(channel_settings, sms_fake):
    outcome = send(phone="1380013")
    assert (outcome.code, outcome.retryable) == ("isv.MOBILE_NUMBER_ILLEGAL", False)


def test_a_missing_template_parameter_fails_for_good(channel_settings, sms_fake):
    outcome = send(params={"case_id": "C0001"})
    assert (outcome.code, outcome.retryable) == ("isv.TEMPLATE_MISSING_PARAMETERS", False)


def test_an_empty_balance_fails_for_good(channel_settings, sms_fake):
    sms_fake.balance_empty = True
    outcome = send()
    assert (outcome.code, outcome.retryable) == ("isv.AMOUNT_NOT_ENOUGH", False)


def test_a_read_timeout_may_have_sent_so_it_is_not_retried(channel_settings, sms_fake):
    sms_fake.delay_seconds = 2
    outcome = send(read_timeout=0.2)
    assert (outcome.ok, outcome.maybe_sent, outcome.retryable) == (False, True, False)
    assert len(sms_fake.requests) == 1  # the SDK did not resend on its own


def test_a_refused_connection_sent_nothing_and_is_retryable(sms_unreachable):
    outcome = send()
    assert (outcome.ok, outcome.maybe_sent, outcome.retryable) == (False, False, True)


def test_without_keys_sms_is_not_configured_and_nothing_goes_out(store):
    assert sms.sms_configured() is False
    assert send().ok is False


def test_template_values_go_out_as_strings_as_aliyun_requires(channel_settings, sms_fake):
    outcome = send(params={"case_id": 1001, "deadline": "10月1日"})
    assert outcome.ok
    assert json.loads(sms_fake.sends()[0]["TemplateParam"])["case_id"] == "1001"
