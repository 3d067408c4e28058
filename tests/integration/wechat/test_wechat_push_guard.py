"""A captured push cannot be replayed or sent late, and safe mode's encrypted pushes are
opened with wechatpy (over real HTTP, as WeChat calls us)."""
import base64
import hashlib
import json
from datetime import datetime, timedelta, timezone

import pytest
import requests

from functions.shared import clock
from functions.notifications import credits as subscriptions
from functions.identity import users
from functions.shared.config import load_settings
from functions.storage.connection import configure
from tests.fakes.fixtures import PUSH_TOKEN, TEMPLATES, channel_env

pytestmark = [pytest.mark.integration, pytest.mark.e2e]
NOW = 1764633600  # 2025-12-02T00:00:00Z
AES_KEY = base64.b64encode(bytes(range(32))).decode().rstrip("=")
NEW_CASE = TEMPLATES["new_case"]
OPENID = "o-guarded"


@pytest.fixture
def base(store, wechat_fake, sms_fake):
    """The app over real HTTP with message push in safe mode."""
    import threading
    from werkzeug.serving import make_server
    from infra.store_server import free_port
    from miniprogram_api import create_app
    env = channel_env(store, wechat_fake, f"127.0.0.1:{sms_fake.port}")
    config = load_settings({**env, "WECHAT_PUSH_AES_KEY": AES_KEY})
    configure(config)
    clock.set_now(datetime.fromtimestamp(NOW, tz=timezone.utc))
    server = make_server("127.0.0.1", free_port(), create_app(config), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", config
    server.shutdown()


def query(timestamp=NOW, nonce="abc", token=PUSH_TOKEN) -> dict:
    signature = hashlib.sha1("".join(sorted([token, str(timestamp), nonce])).encode())
    return {"signature": signature.hexdigest(), "timestamp": str(timestamp), "nonce": nonce}


def popup() -> dict:
    return {"ToUserName": "gh_test", "FromUserName": OPENID, "CreateTime": str(NOW),
            "MsgType": "event", "Event": "subscribe_msg_popup_event",
            "List": {"TemplateId": NEW_CASE, "SubscribeStatusString": "accept"}}


def credits() -> int:
    return subscriptions.credits_of(users.wechat_user_id(OPENID), [NEW_CASE])[NEW_CASE]


def push(url, params, body: str, content_type="application/json"):
    return requests.post(f"{url}/wechat/push", params=params, data=body.encode(),
                         headers={"Content-Type": content_type}, timeout=10)


def test_a_replayed_push_is_refused_and_counts_once(base):
    url, _ = base
    params, body = query(nonce="once"), json.dumps(popup())
    assert push(url, params, body).status_code == 200
    replay = push(url, params, body)
    assert replay.status_code == 403 and replay.json()["error"]["code"] == "forbidden"
    assert credits() == 1


@pytest.mark.parametrize("skew", [timedelta(minutes=-6), timedelta(minutes=6)])
def test_a_push_older_or_newer_than_five_minutes_is_refused(base, skew):
    url, _ = base
    stamp = int(NOW + skew.total_seconds())
    assert push(url, query(timestamp=stamp, nonce=f"s{stamp}"), json.dumps(popup())) \
        .status_code == 403
    assert push(url, query(timestamp=NOW - 240, nonce="fresh"), json.dumps(popup())) \
        .status_code == 200
    assert credits() == 1


def encrypted(config, message: str, nonce: str) -> str:
    from wechatpy.crypto import WeChatCrypto
    crypto = WeChatCrypto(PUSH_TOKEN, AES_KEY, config.wechat_appid)
    return crypto.encrypt_message(message, nonce, str(NOW))


def msg_signature(xml: str) -> str:
    import xmltodict
    return xmltodict.parse(xml)["xml"]["MsgSignature"]


def test_a_safe_mode_push_is_decrypted_and_applied_xml_and_json(base):
    url, config = base
    inner = json.dumps(popup())
    xml = encrypted(config, inner, "x1")
    params = {**query(nonce="x1"), "encrypt_type": "aes", "msg_signature": msg_signature(xml)}
    assert push(url, params, xml, "text/xml").status_code == 200
    import xmltodict
    wrapped = encrypted(config, inner, "j1")
    as_json = json.dumps({"ToUserName": "gh_test",
                          "Encrypt": xmltodict.parse(wrapped)["xml"]["Encrypt"]})
    params = {**query(nonce="j1"), "encrypt_type": "aes",
              "msg_signature": msg_signature(wrapped)}
    assert push(url, params, as_json).status_code == 200
    assert credits() == 2


def test_a_safe_mode_push_with_a_wrong_msg_signature_or_garbage_is_refused(base):
    url, config = base
    xml = encrypted(config, json.dumps(popup()), "x2")
    bad = {**query(nonce="x2"), "encrypt_type": "aes", "msg_signature": "0" * 40}
    assert push(url, bad, xml, "text/xml").status_code == 403
    garbage = json.dumps({"Encrypt": "not-base64!!"})
    import hashlib as h
    sig = h.sha1("".join(sorted([PUSH_TOKEN, str(NOW), "x3", "not-base64!!"])).encode())
    params = {**query(nonce="x3"), "encrypt_type": "aes", "msg_signature": sig.hexdigest()}
    assert push(url, params, garbage).status_code == 400
    assert credits() == 0
