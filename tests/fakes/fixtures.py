"""Fixtures that start the fake WeChat and SMS servers and point the settings at them."""
import json
import socket

import pytest

from functions.shared.config import load_settings
from functions.storage.connection import configure

from .sms_server import FakeSms
from .wechat_server import FakeWeChat

PUSH_TOKEN = "test-push-token"
TEMPLATES = {"new_case": "tpl-new-case", "case_progress": "tpl-case-progress",
             "deadline_reminder": "tpl-reminder"}
LONG_TERM = "tpl-reminder"
SMS_TEMPLATE = "SMS_100001"


@pytest.fixture
def wechat_fake():
    """A fake WeChat that knows our app and templates; add users and credits per test."""
    fake = FakeWeChat().start()
    fake.add_template(TEMPLATES["new_case"], {"thing1": "thing", "time2": "time",
                                              "character_string3": "character_string"})
    fake.add_template(TEMPLATES["case_progress"], {"phrase1": "phrase", "thing2": "thing"})
    fake.add_template(LONG_TERM, {"thing1": "thing", "date2": "date"}, long_term=True)
    yield fake
    fake.stop()


@pytest.fixture
def sms_fake():
    fake = FakeSms().start()
    fake.add_template(SMS_TEMPLATE, ["case_id", "deadline"])
    yield fake
    fake.stop()


def channel_env(store, wechat_fake, sms_endpoint) -> dict:
    return {
        "STORE_ENDPOINT": store.store_endpoint, "TABLE_NAME": store.table_name,
        "SECRET_KEY": store.secret_key, "PUBLIC_BASE_URL": store.public_base_url,
        "PASSWORD_HASH_COST": store.password_hash_cost,
        "UPLOAD_DIR": store.upload_dir,
        "WECHAT_APPID": wechat_fake.appid, "WECHAT_SECRET": wechat_fake.secret,
        "WECHAT_API_BASE": wechat_fake.base_url, "WECHAT_PUSH_TOKEN": PUSH_TOKEN,
        "WECHAT_TEMPLATES": json.dumps(TEMPLATES), "WECHAT_LONG_TERM_TEMPLATES": LONG_TERM,
        "SMS_ACCESS_KEY_ID": "test-access-key", "SMS_ACCESS_KEY_SECRET": "test-access-secret",
        "SMS_SIGN_NAME": "码上办", "SMS_ENDPOINT": sms_endpoint,
        "DELIVERY": "inline",  # as the `settings` fixture: the request delivers
    }


@pytest.fixture
def channel_settings(store, wechat_fake, sms_fake):
    """Settings whose WeChat and SMS are the fakes, installed for the whole process."""
    config = load_settings(channel_env(store, wechat_fake, f"127.0.0.1:{sms_fake.port}"))
    configure(config)
    return config


@pytest.fixture
def sms_unreachable(store, wechat_fake):
    """Settings whose SMS endpoint is a loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = load_settings(channel_env(store, wechat_fake, f"127.0.0.1:{port}"))
    configure(config)
    return config


@pytest.fixture
def channel_client(channel_settings):
    """A test client of the app built on the channel settings."""
    from miniprogram_api import create_app
    return create_app(channel_settings).test_client()
