"""A bound deputy in the demo region, with WeChat and SMS pointing at the fakes: the world
the notification tests share."""
import json
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from functions.cases import submission
from functions.identity import users
from functions.shared.config import load_settings
from functions.storage.connection import configure
from infra import seed
from tests.fakes.fixtures import TEMPLATES, channel_env

T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # a Monday, 10:00 in Shanghai
DIGEST = "SMS_DIGEST_1"
NEW_CASE_FIELDS = {"thing1": "content", "time2": "time", "character_string3": "case_id"}


def world_env(store, wechat_fake, sms_fake, fields=None) -> dict:
    """The environment of this world, for the test process and for drains run apart."""
    env = channel_env(store, wechat_fake, f"127.0.0.1:{sms_fake.port}")
    env["SMS_DIGEST_TEMPLATE"] = DIGEST
    env["WECHAT_TEMPLATE_FIELDS"] = json.dumps(
        {TEMPLATES["new_case"]: NEW_CASE_FIELDS, **(fields or {})})
    env["CASES_PER_HOUR"] = env["CASES_PER_DAY"] = "1000"  # one citizen stands for many
    return env


@pytest.fixture
def world(store, wechat_fake, sms_fake):
    """The demo region with WeChat and SMS pointing at the fakes; a bound deputy."""
    configure(load_settings(world_env(store, wechat_fake, sms_fake)))
    sms_fake.add_template(DIGEST, ["count", "kind"])
    clock.set_now(T0)
    demo = seed.seed_demo(now=T0)
    deputy = demo["deputies"][0]
    wechat_fake.add_user("openid-deputy")
    wechat_fake.add_user("openid-citizen")
    deputy_user = users.find_or_create(user_id=users.wechat_user_id("openid-deputy"),
                                       openid="openid-deputy", now=T0)
    from functions.identity.binding import bind
    bind(actor={"kind": "user", "user_id": deputy_user.user_id, "roles": ["citizen"],
                "openid": "openid-deputy"}, bind_code=deputy["bind_code"], now=T0)
    citizen = {"kind": "user", "user_id": users.find_or_create(
        user_id=users.wechat_user_id("openid-citizen"), openid="openid-citizen",
        now=T0).user_id,
        "roles": ["citizen"], "openid": "openid-citizen"}
    return {"deputy": deputy, "deputy_user": deputy_user.user_id, "citizen": citizen,
            "wechat": wechat_fake, "sms": sms_fake}


def submit(world, key, now=T0, deliver=True):
    clock.set_now(now)
    body = {"entry_code": world["deputy"]["entry_code"], "category": "other",
            "type": "request", "content": f"第{key}件：村口的桥栏杆松了"}
    case, _ = submission.submit(actor=world["citizen"], idempotency_key=str(key), body=body,
                                now=now)
    return case
