"""The phone number behind a mini-program's phone-number button, through wechatpy.

wechatpy 1.8.18 has no call for it, so the client posts to `wxa/business/getuserphonenumber`
itself; the client still adds the access token and refetches it on 40001/42001. Each code
is single use and lives five minutes. In dev mode (no WeChat app) the code is the number.
"""
import logging

from functions.shared.errors import RateLimited, Unavailable, ValidationFailed
from functions.shared.person_identity import normal_phone
from functions.shared.validation import phone_problem

log = logging.getLogger(__name__)

PATH = "wxa/business/getuserphonenumber"
_CODE_REFUSED = {40029: "invalid or used code: tap the button again",
                 40013: "not a code of this mini-program"}


def phone_of(code: str) -> str:
    """The mainland mobile number (11 digits) the user confirmed with the button."""
    from functions.channels import wechat
    if not wechat.wechat_configured():
        return _mainland(normal_phone(code), "86")
    info = _exchange(wechat, code)
    return _mainland(normal_phone(info.get("purePhoneNumber") or ""),
                     str(info.get("countryCode") or ""))


def _exchange(wechat, code: str) -> dict:
    from wechatpy.exceptions import WeChatClientException
    api = wechat.client()
    try:
        answer = api.post(PATH, data={"code": code}, api_base_url=api.wxa.API_BASE_URL)
    except WeChatClientException as exc:
        raise _refusal(exc) from exc
    except wechat._network_errors() as exc:
        raise Unavailable("WeChat is unreachable, retry later") from exc
    info = answer.get("phone_info") if isinstance(answer, dict) else None
    if not isinstance(info, dict):
        log.warning("WeChat phone number answer without phone_info: %r", answer)
        raise Unavailable("WeChat gave no phone number, retry later")
    return info


def _refusal(exc):
    """The contract's error for a refused exchange; a failed token fetch is ours (503)."""
    url = getattr(getattr(exc, "request", None), "url", "") or ""
    if exc.errcode in _CODE_REFUSED and PATH in url:
        return ValidationFailed("the phone number code was refused",
                                {"code": _CODE_REFUSED[exc.errcode]})
    if exc.errcode == 45011:
        return RateLimited("too many phone number requests, retry in a minute")
    log.warning("WeChat phone number exchange failed: %s %s (%s)", exc.errcode, exc.errmsg,
                url.split("?")[0])
    return Unavailable("WeChat cannot give the phone number now, retry later")


def _mainland(phone: str, country_code: str) -> str:
    if country_code != "86" or phone_problem(phone):
        raise ValidationFailed("only a mainland China mobile number can be linked",
                               {"code": "a mainland mobile number, 11 digits starting with 1"})
    return phone
