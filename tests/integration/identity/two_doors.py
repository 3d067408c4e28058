"""One citizen at two doors: the mini-program (the fake WeChat over HTTP) and the H5 pages
(phone login with codes through the fake SMS server), on the demo region."""
import json
import threading
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from functions.shared.config import load_settings
from functions.shared.person_identity import normal_phone
from functions.storage.connection import configure
from infra.store_server import free_port
from tests.api_client import Api
from tests.case_fixtures import Caller, case_body
from tests.fakes.fixtures import channel_env
from tests.h5_client import H5, case_id_of, hidden, text

PHONE = "13912345678"
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)
CODE_TEMPLATE = "SMS_CODE_1"


@pytest.fixture
def doors(store, seeded, wechat_fake, sms_fake):
    """The app on the fakes, with SMS login codes; `Doors` to play the citizen."""
    sms_fake.add_template(CODE_TEMPLATE, ["code"])
    config = load_settings({**channel_env(store, wechat_fake, f"127.0.0.1:{sms_fake.port}"),
                            "SMS_CODE_TEMPLATE": CODE_TEMPLATE})
    configure(config)
    clock.set_now(T0)
    from miniprogram_api import create_app
    return Doors(create_app(config), seeded, wechat_fake, sms_fake)


@pytest.fixture
def served_doors(doors):
    """The same doors, the mini-program's calls going over real HTTP to a served app."""
    from werkzeug.serving import make_server
    server = make_server("127.0.0.1", free_port(), doors.app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    doors.base_url = f"http://127.0.0.1:{server.server_port}"
    yield doors
    server.shutdown()


class Doors:
    def __init__(self, app, seeded, wechat_fake, sms_fake):
        self.app, self.seeded, self.wechat, self.sms = app, seeded, wechat_fake, sms_fake
        self.entry = seeded["deputies"][0]["entry_code"]
        self.base_url = None  # set: the mini-program speaks real HTTP
        self._keys = 0

    def mini(self, openid: str = "o-citizen"):
        """A mini-program citizen logged in by wx.login."""
        self.wechat.add_user(openid)
        anonymous = Api(self.base_url) if self.base_url else Caller(self.app.test_client())
        body = anonymous.ok("POST", "/api/v1/auth/wechat",
                            json={"code": self.wechat.login_code(openid)})
        return anonymous.with_token(body["token"])

    def verify(self, mini: Caller, phone: str = PHONE):
        """The phone-number button pressed and its code sent (the response)."""
        return mini.post("/api/v1/auth/phone", json={"code": self.wechat.phone_code(phone)})

    def h5(self, phone: str = PHONE) -> H5:
        """A browser logged in by the SMS code the fake SMS server received."""
        browser = H5(self.app.test_client())
        page = text(browser.ask_code(phone))
        sent = [json.loads(s["TemplateParam"])["code"] for s in self.sms.sends()
                if s["PhoneNumbers"] == normal_phone(phone)]
        response = browser.client.post("/h5/login/verify", data={
            **hidden(page), "phone": phone, "code": sent[-1], "next": "/h5/mine"})
        assert response.status_code == 303, text(response)[:300]
        return browser

    def submit_mini(self, mini) -> str:
        self._keys += 1
        return mini.ok("POST", "/api/v1/cases", 201, json=case_body(self.entry),
                       headers={"Idempotency-Key": f"k{self._keys}"})["case"]["id"]

    def submit_h5(self, browser: H5) -> str:
        return case_id_of(browser.submit(self.entry))
