"""Aliyun SMS (SendSms) through aliyun-python-sdk-core's CommonRequest.

Sends are not idempotent, so an outcome says whether the message may have gone out:
a caller retries only what certainly did not (`retryable`), and never retries a
`maybe_sent` failure blindly.
"""
import json
import logging
from dataclasses import dataclass
from functools import lru_cache

from functions.shared.config import settings

log = logging.getLogger(__name__)

DOMAIN = "dysmsapi.aliyuncs.com"
VERSION = "2017-05-25"
REGION = "cn-hangzhou"
CONNECT_TIMEOUT, READ_TIMEOUT = 2, 5
THROTTLED = frozenset({"isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL",
                       "isv.MONTH_LIMIT_CONTROL", "Throttling.User", "Throttling"})
TRANSIENT = frozenset({"isp.SYSTEM_ERROR", "ServiceUnavailable"})
# Connection failures that happen before a byte of the request left: certainly not sent.
_NOT_SENT_MARKERS = ("NewConnectionError", "ConnectTimeoutError", "Connection refused",
                     "Failed to resolve", "Name or service not known")



@dataclass(frozen=True)
class SmsOutcome:
    ok: bool
    code: str | None
    message: str
    biz_id: str | None
    retryable: bool  # certainly not sent, and worth trying again later
    maybe_sent: bool  # it may have reached the phone: never resend without checking


def sms_configured() -> bool:
    """False in dev mode: callers record the SMS instead of sending it."""
    config = settings()
    return bool(config.sms_access_key and config.sms_access_secret)


def send_sms(*, phone: str, template_code: str, params: dict, out_id: str,
             read_timeout: float = READ_TIMEOUT) -> SmsOutcome:
    """Send one templated SMS; every failure comes back as an outcome, never raised."""
    if not sms_configured():
        return SmsOutcome(False, "NotConfigured", "SMS is not configured (dev mode)",
                          None, False, False)
    from aliyunsdkcore.acs_exception.exceptions import ClientException, ServerException
    request = _send_request(phone, template_code, params, out_id, read_timeout)
    try:
        body = client().do_action_with_exception(request)
    except ServerException as exc:
        return _server_failure(exc)
    except ClientException as exc:
        return _client_failure(exc)
    answer = json.loads(body)
    code, message = answer.get("Code"), answer.get("Message", "")
    if code == "OK":
        return SmsOutcome(True, code, message, answer.get("BizId"), False, True)
    # HTTP 200 with another Code: refused by Aliyun, nothing was sent.
    if code not in THROTTLED | TRANSIENT:
        log.warning("SMS to template %s refused: %s %s", template_code, code, message)
    return SmsOutcome(False, code, message, None, code in THROTTLED | TRANSIENT, False)


def client():
    """The process's AcsClient for the settings in force (another if they change)."""
    config = settings()
    return _client_for(config.sms_access_key, config.sms_access_secret, config.sms_endpoint)


@lru_cache(maxsize=4)
def _client_for(access_key, access_secret, endpoint):
    from aliyunsdkcore.client import AcsClient
    # auto_retry off: the SDK would resend after a read timeout, sending twice.
    local = {"proxy": {"http": None}} if endpoint else {}
    return AcsClient(access_key, access_secret, REGION, auto_retry=False,
                     connect_timeout=CONNECT_TIMEOUT, timeout=READ_TIMEOUT, **local)


def _send_request(phone, template_code, params, out_id, read_timeout):
    from aliyunsdkcore.request import CommonRequest
    config = settings()
    request = CommonRequest()
    request.set_accept_format("json")
    request.set_method("POST")
    request.set_version(VERSION)
    request.set_action_name("SendSms")
    if config.sms_endpoint:  # a fake in tests, plain HTTP on the loopback
        request.set_domain(config.sms_endpoint.split("://")[-1])
        request.set_protocol_type("http")
    else:
        request.set_domain(DOMAIN)
        request.set_protocol_type("https")  # the SDK's default is plain http
    request.set_read_timeout(read_timeout)
    request.set_connect_timeout(CONNECT_TIMEOUT)
    request.add_query_param("RegionId", REGION)
    request.add_query_param("PhoneNumbers", phone)
    request.add_query_param("SignName", config.sms_sign_name)
    request.add_query_param("TemplateCode", template_code)
    # Aliyun refuses non-string values (isv.INVALID_JSON_PARAM).
    values = {name: str(value) for name, value in params.items()}
    request.add_query_param("TemplateParam", json.dumps(values, ensure_ascii=False))
    request.add_query_param("OutId", out_id)
    return request


def _server_failure(exc) -> SmsOutcome:
    status, code = exc.get_http_status(), exc.get_error_code()
    # 502/503: a gateway refused before the service acted; any other 5xx may have sent.
    not_reached = status in (502, 503) or code in THROTTLED | TRANSIENT
    maybe_sent = status >= 500 and not not_reached
    return SmsOutcome(False, code, exc.get_error_msg(), None, not_reached, maybe_sent)


def _client_failure(exc) -> SmsOutcome:
    message = exc.get_error_msg()
    if exc.get_error_code() != "SDK.HttpError":
        return SmsOutcome(False, exc.get_error_code(), message, None, False, False)
    # The SDK's message holds the request URL (phone, key id): keep it out of records.
    log.debug("SMS HTTP error: %s", message)
    if any(marker in message for marker in _NOT_SENT_MARKERS):
        return SmsOutcome(False, "ConnectionFailed", "could not connect; nothing was sent",
                          None, True, False)
    # A read timeout or a dropped connection after the request went out.
    log.warning("SMS outcome unknown: no answer after sending")
    return SmsOutcome(False, "OutcomeUnknown", "no answer after sending; it may have gone out",
                      None, False, True)
