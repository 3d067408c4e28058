"""WeChat through wechatpy: login, subscription messages, content security.

One client per process, built on first use (the API must not pay for importing wechatpy
before it needs it), with its access token in the table so instances share it.
"""
import logging
from contextvars import ContextVar
from functools import lru_cache

from functions.shared.config import settings
from functions.shared.errors import Forbidden, RateLimited, Unauthorized, Unavailable

from .wechat_outcomes import (DEFINITIVE, RETRYABLE, SendOutcome, http_failure,
                              network_failure)

log = logging.getLogger(__name__)

PRODUCTION_BASE = "https://api.weixin.qq.com"
TIMEOUT = (3, 5)  # connect, read: a notification waits, a request must not hang
_INVALID_CODE = frozenset({40029, 40163})
# The timeouts of this thread's current send, for the token fetch wechatpy may do first.
_timeouts: ContextVar[tuple] = ContextVar("wechat_timeouts", default=TIMEOUT)


def wechat_configured() -> bool:
    return not settings().wechat_dev_mode


def code_to_session(code: str) -> dict:
    """A login code from `wx.login` → {openid, unionid}; the session_key stays here."""
    if not wechat_configured():
        return {"openid": f"dev-{code}", "unionid": None}
    from wechatpy.exceptions import WeChatClientException
    try:
        result = client().wxa.code_to_session(code)
    except WeChatClientException as exc:
        raise _login_error(exc.errcode, exc.errmsg) from exc
    except _network_errors() as exc:
        raise Unavailable("WeChat is unreachable, retry later") from exc
    return {"openid": result["openid"], "unionid": result.get("unionid")}


def send_subscribe_message(*, openid: str, template_id: str, data: dict, page: str | None,
                           miniprogram_state: str | None = None,
                           timeout: tuple | None = None) -> SendOutcome:
    """Send one subscription message; `data` is already `{key: {"value": ...}}`.

    Sends are not idempotent: a failure after the request left (read timeout, reset,
    a garbled answer) comes back `maybe_sent`, and the caller must not send it again.
    """
    if not wechat_configured():
        return SendOutcome(False, None, "WeChat is not configured (dev mode)", False)
    from wechatpy.exceptions import WeChatClientException
    body = {"touser": openid, "template_id": template_id, "data": data, "lang": "zh_CN"}
    if page:
        body["page"] = page
    if miniprogram_state:
        body["miniprogram_state"] = miniprogram_state
    import requests
    within = _timeouts.set(timeout or TIMEOUT)
    try:
        # wechatpy's own send_subscribe_message cannot pass miniprogram_state or lang.
        answer = client().post("message/subscribe/send", data=body, timeout=timeout or TIMEOUT)
    except WeChatClientException as exc:
        code = exc.errcode
        if code is None:  # an HTTP error status, not a WeChat answer
            return http_failure(exc)
        if code not in DEFINITIVE | RETRYABLE:
            log.warning("unexpected WeChat errcode %s: %s", code, exc.errmsg)
        return SendOutcome(False, code, str(exc.errmsg), code in RETRYABLE)
    except requests.RequestException as exc:
        return network_failure(exc)
    finally:
        _timeouts.reset(within)
    if not isinstance(answer, dict):  # wechatpy hands back what it could not decode
        return SendOutcome(False, None, "unreadable answer; it may have gone out", False, True)
    return SendOutcome(True, 0, "ok", False)


def msg_sec_check(*, openid: str, content: str) -> dict:
    """WeChat's text check (v2) → {risky, label, suggest}; suggest is risky|review|pass."""
    if not wechat_configured():
        from .dev_sensitive_words import dev_check
        return dev_check(content)
    from wechatpy.exceptions import WeChatClientException
    api = client()
    body = {"content": content, "version": 2, "scene": 1, "openid": openid}
    try:
        answer = api.post("wxa/msg_sec_check", data=body, api_base_url=api.wxa.API_BASE_URL)
    except (WeChatClientException, *_network_errors()) as exc:
        raise Unavailable("content check unavailable, retry later") from exc
    result = answer.get("result") or {}
    suggest = result.get("suggest", "review")
    return {"risky": suggest == "risky", "label": result.get("label"), "suggest": suggest}


def client():
    """The process's WeChatClient for the settings in force (another if they change)."""
    config = settings()
    return _client_for(config.wechat_appid, config.wechat_secret, config.wechat_api_base)


@lru_cache(maxsize=4)
def _client_for(appid, secret, api_base):
    return new_client(appid, secret, api_base)


def new_client(appid, secret, api_base):
    """A fresh client on the shared token store (the process keeps one, see `client`)."""
    import requests
    from wechatpy import WeChatClient

    from .wechat_session import DynamoSessionStorage

    base = (api_base or PRODUCTION_BASE).rstrip("/")

    class Client(WeChatClient):
        # wechatpy 1.8.18 spells its hosts out in three places: the client's base, each
        # API group's base, and the token URL inside fetch_access_token.
        API_BASE_URL = f"{base}/cgi-bin/"

        def fetch_access_token(self):
            return self._fetch_access_token(url=f"{base}/cgi-bin/token", params={
                "grant_type": "client_credential", "appid": self.appid, "secret": self.secret})

    class TimeoutSession(requests.Session):
        # wechatpy fetches tokens without a timeout; nothing here may wait forever.
        def request(self, *args, **kwargs):
            kwargs["timeout"] = kwargs.get("timeout") or _timeouts.get()
            return super().request(*args, **kwargs)

    api = Client(appid, secret, session=DynamoSessionStorage(), timeout=TIMEOUT)
    api._http = TimeoutSession()
    api.wxa.API_BASE_URL = f"{base}/"
    return api


def _network_errors() -> tuple:
    import requests
    return (requests.ConnectionError, requests.Timeout)


def _login_error(code, message):
    if code in _INVALID_CODE:
        return Unauthorized("invalid or used login code")
    if code == 45011:
        return RateLimited("too many logins, retry in a minute")
    if code == 40226:
        return Forbidden("WeChat flags this user as high risk")
    log.warning("WeChat login failed: %s %s", code, message)
    return Unavailable("WeChat login unavailable, retry later")

