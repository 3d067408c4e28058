"""What a WeChat send came to: sent, certainly not sent (retry), or maybe sent (never resend).

Sends are not idempotent. Whatever happened after the request left without a readable
answer (read timeout, connection reset mid-answer, an HTTP 5xx other than a gateway's
refusal) may have reached the user, so it is `maybe_sent`; only a connection never made,
or a failed access-token fetch before the send, is certainly not sent.
"""
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Errors no retry can fix: consent missing, bad data, openid, template or page.
DEFINITIVE = frozenset({43101, 47003, 40003, 40037, 41030})
# Busy, throttled, or a token that went stale again after wechatpy's own refetch.
RETRYABLE = frozenset({-1, 40001, 42001, 45009, 45011})


@dataclass(frozen=True)
class SendOutcome:
    ok: bool
    code: int | None
    message: str
    retryable: bool  # certainly not delivered, worth trying again later
    maybe_sent: bool = False  # the request went out and no answer came: never resend


def network_failure(exc) -> SendOutcome:
    """Certainly not sent (no connection, or the token fetch failed) → retry; else unknown."""
    import requests
    detail = f"{type(exc).__name__}: {exc}"[:300]
    url = getattr(getattr(exc, "request", None), "url", None) or ""
    never_sent = isinstance(exc, requests.ConnectTimeout) or (
        url and "message/subscribe/send" not in url) or _refused(exc)
    if never_sent:
        return SendOutcome(False, None, detail, True)
    log.warning("WeChat send outcome unknown: %s", detail)
    return SendOutcome(False, None, f"no answer after sending; it may have gone out ({detail})",
                       False, True)


def _refused(exc) -> bool:
    """A connection that was never made: nothing of the request reached WeChat."""
    from urllib3.exceptions import NewConnectionError
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)
    return isinstance(reason, NewConnectionError)  # name resolution failures included


def http_failure(exc) -> SendOutcome:
    """An HTTP error status: 502/503 are a gateway refusing; any other may have sent."""
    status = getattr(getattr(exc, "response", None), "status_code", None)
    if status in (502, 503, 429):
        return SendOutcome(False, None, f"HTTP {status}", True)
    return SendOutcome(False, None, f"HTTP {status}; it may have gone out", False, True)
