"""Which failed WeChat sends may have gone out (never resent) and which certainly did not."""
import requests
from urllib3.exceptions import NewConnectionError

from functions.channels.wechat_outcomes import http_failure, network_failure

SEND = "https://api.weixin.qq.com/cgi-bin/message/subscribe/send?access_token=T"
TOKEN = "https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential"


def failure(kind, url, *args):
    return kind(*args, request=requests.Request("POST", url).prepare())


def test_a_read_timeout_after_the_send_left_may_have_gone_out():
    outcome = network_failure(failure(requests.ReadTimeout, SEND, "read timed out"))
    assert outcome.maybe_sent and not outcome.retryable


def test_a_connection_reset_mid_answer_may_have_gone_out():
    outcome = network_failure(requests.exceptions.ChunkedEncodingError("Connection broken"))
    assert outcome.maybe_sent and not outcome.retryable


def test_a_connection_never_made_is_certainly_not_sent():
    refused = NewConnectionError(None, "Connection refused")
    outcome = network_failure(failure(requests.ConnectionError, SEND, refused))
    assert outcome.retryable and not outcome.maybe_sent
    assert network_failure(failure(requests.ConnectTimeout, SEND, "slow")).retryable


def test_a_failed_token_fetch_before_the_send_is_certainly_not_sent():
    outcome = network_failure(failure(requests.ReadTimeout, TOKEN, "read timed out"))
    assert outcome.retryable and not outcome.maybe_sent


def test_a_gateway_refusal_is_retried_and_another_server_error_may_have_sent():
    def status(code):
        response = requests.Response()
        response.status_code = code
        return type("HttpError", (), {"response": response})()
    assert http_failure(status(503)).retryable
    assert http_failure(status(500)).maybe_sent
