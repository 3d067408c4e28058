"""A fake WeChat API over real HTTP, answering with WeChat's own shapes and error codes."""
import itertools
import re

from .http_fake import FakeServer

# Each field kind's rule as WeChat states it, written independently of our own `fit`.
KIND_RULES = {
    "thing": re.compile(r"[^\n]{1,20}"), "phrase": re.compile(r"[\u4e00-\u9fff]{1,5}"),
    "name": re.compile(r"[\u4e00-\u9fff]{1,10}|[A-Za-z ]{1,20}"),
    "character_string": re.compile(r"[\x21-\x7e]{1,32}"), "number": re.compile(r"[0-9.]{1,32}"),
    "letter": re.compile(r"[A-Za-z]{1,32}"), "phone_number": re.compile(r"[0-9+\-() ]{1,17}"),
    "time": re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日 )?\d{1,2}:\d{2}"),
    "date": re.compile(r"\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?"),
}


class FakeWeChat(FakeServer):
    def __init__(self, appid="wx-test-app", secret="test-secret"):
        super().__init__()
        self.appid, self.secret = appid, secret
        self._serial = itertools.count(1)
        self.valid_tokens: set[str] = set()
        self.expire_once: set[str] = set()  # tokens to answer 42001 for, once
        self.users: dict[str, str | None] = {}  # openid → unionid
        self.codes: dict[str, str] = {}  # login code → openid, single use
        # phone-number button code → (phone, country code, appid it was issued to), single use
        self.phone_codes: dict[str, tuple] = {}
        self.phone_throttled = False
        self.login_throttled = False
        self.busy = False  # answer -1 "system error" to every API call
        self.templates: dict[str, dict] = {}  # template id → {field key: kind}
        self.long_term: set[str] = set()
        self.credits: dict[tuple, int] = {}  # (openid, template id) → sends allowed
        self.risky_words: dict[str, tuple] = {}  # word → (suggest, label)
        # Faults for the next subscription sends, each acted on first (the message is
        # delivered): ("delay", seconds) answers late, ("reset",) drops the connection
        # mid-answer. `send_delay` slows every send down (a slow WeChat).
        self.send_faults: list[tuple] = []
        self.send_delay = 0.0
        self.routes = {"/cgi-bin/token": self._token, "/sns/jscode2session": self._login,
                       "/cgi-bin/message/subscribe/send": self._send,
                       "/wxa/msg_sec_check": self._sec_check,
                       "/wxa/business/getuserphonenumber": self._phone_number}

    # What tests arrange -------------------------------------------------------------
    def add_user(self, openid, unionid=None):
        self.users[openid] = unionid

    def login_code(self, openid) -> str:
        code = f"code-{next(self._serial)}"
        self.codes[code] = openid
        return code

    def phone_code(self, phone, country_code="86", appid=None) -> str:
        """A code as the phone-number button (open-type=getPhoneNumber) hands the page."""
        code = f"phone-code-{next(self._serial)}"
        self.phone_codes[code] = (phone, country_code, appid or self.appid)
        return code

    def phone_exchanges(self) -> int:
        return sum(1 for r in self.requests if r.path == "/wxa/business/getuserphonenumber")

    def add_template(self, template_id, fields: dict, long_term=False):
        self.templates[template_id] = fields
        if long_term:
            self.long_term.add(template_id)

    def grant(self, openid, template_id, count=1):
        key = (openid, template_id)
        self.credits[key] = self.credits.get(key, 0) + count

    def expire_current_token(self):
        self.expire_once |= self.valid_tokens

    def token_fetches(self) -> int:
        return sum(1 for r in self.requests if r.path == "/cgi-bin/token")

    def hang_next_send(self, seconds=30.0):
        """Deliver the next message but answer only after `seconds` (the client times out)."""
        self.send_faults.append(("delay", seconds))

    def reset_next_send(self):
        """Deliver the next message, then reset the connection halfway through the answer."""
        self.send_faults.append(("reset",))

    def fault_for(self, req):
        if req.path != "/cgi-bin/message/subscribe/send" or req.answer.get("errcode") != 0:
            return None
        fault = self.send_faults.pop(0) if self.send_faults else None
        if fault:  # a None in the list lets that send through untouched
            return fault
        return ("delay", self.send_delay) if self.send_delay else None

    def sends_to(self, openid) -> int:
        """Messages WeChat delivered to `openid`, whether or not we heard the answer."""
        return sum(1 for m in self.sent() if m["touser"] == openid)

    def sent(self) -> list[dict]:
        return [r.json for r in self.requests
                if r.path == "/cgi-bin/message/subscribe/send" and r.answer.get("errcode") == 0]

    # The protocol ----------------------------------------------------------------
    def _token(self, req):
        q = req.query
        if q.get("grant_type") != "client_credential":
            return {"errcode": 40002, "errmsg": "invalid grant_type"}
        if q.get("appid") != self.appid:
            return {"errcode": 40013, "errmsg": "invalid appid"}
        if q.get("secret") != self.secret:
            return {"errcode": 40125, "errmsg": "invalid appsecret"}
        token = f"ACCESS_TOKEN_{next(self._serial)}"
        self.valid_tokens.add(token)
        return {"access_token": token, "expires_in": 7200}

    def _login(self, req):
        q = req.query
        if q.get("appid") != self.appid or q.get("secret") != self.secret:
            return {"errcode": 40125, "errmsg": "invalid appsecret"}
        if self.login_throttled:
            return {"errcode": 45011, "errmsg": "api minute-quota reach limit"}
        openid = self.codes.pop(q.get("js_code"), None)
        if openid is None:
            return {"errcode": 40029, "errmsg": "invalid code"}
        answer = {"openid": openid, "session_key": "SESSION_KEY_SECRET"}
        if self.users.get(openid):
            answer["unionid"] = self.users[openid]
        return answer

    def _token_problem(self, req):
        token = req.query.get("access_token")
        if token in self.expire_once:
            self.expire_once.discard(token)
            self.valid_tokens.discard(token)
            return {"errcode": 42001, "errmsg": "access_token expired"}
        if token not in self.valid_tokens:
            return {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid"}
        return None

    def _send(self, req):
        body = req.json
        openid, template_id = body.get("touser"), body.get("template_id")
        if openid not in self.users:
            return {"errcode": 40003, "errmsg": "invalid openid"}
        if template_id not in self.templates:
            return {"errcode": 40037, "errmsg": "invalid template_id"}
        for key, kind in self.templates[template_id].items():
            value = (body.get("data") or {}).get(key, {}).get("value", "")
            if not KIND_RULES[kind].fullmatch(value):
                return {"errcode": 47003, "errmsg": f"argument invalid! data.{key}.value invalid"}
        if template_id not in self.long_term:
            if self.credits.get((openid, template_id), 0) <= 0:
                return {"errcode": 43101, "errmsg": "user refuse to accept the msg"}
            self.credits[(openid, template_id)] -= 1
        return {"errcode": 0, "errmsg": "ok", "msgid": next(self._serial)}

    def _sec_check(self, req):
        body = req.json
        if body.get("version") != 2 or body.get("openid") not in self.users:
            return {"errcode": 40003, "errmsg": "invalid openid or version"}
        suggest, label = "pass", 100
        for word, (word_suggest, word_label) in self.risky_words.items():
            if word in body.get("content", ""):
                suggest, label = word_suggest, word_label
        return {"errcode": 0, "errmsg": "ok", "trace_id": f"trace-{next(self._serial)}",
                "result": {"suggest": suggest, "label": label},
                "detail": [{"strategy": "content_model", "errcode": 0, "suggest": suggest,
                            "label": label, "prob": 90 if label != 100 else 0}]}

    def _phone_number(self, req):
        if self.phone_throttled:
            return {"errcode": 45011, "errmsg": "api minute-quota reach limit"}
        found = self.phone_codes.pop(req.json.get("code"), None)
        if found is None:
            return {"errcode": 40029, "errmsg": "invalid code"}
        phone, country_code, appid = found
        if appid != self.appid:
            return {"errcode": 40013, "errmsg": "invalid appid"}
        shown = phone if country_code == "86" else f"+{country_code}{phone}"
        return {"errcode": 0, "errmsg": "ok", "phone_info": {
            "phoneNumber": shown, "purePhoneNumber": phone, "countryCode": country_code,
            "watermark": {"timestamp": 1700000000, "appid": appid}}}

    def answer(self, req):
        handler = self.routes.get(req.path)
        if handler is None:
            return 404, {"errcode": 404, "errmsg": "not found"}
        if self.busy and req.path != "/cgi-bin/token":
            return 200, {"errcode": -1, "errmsg": "system error"}
        if req.path in ("/cgi-bin/message/subscribe/send", "/wxa/msg_sec_check",
                        "/wxa/business/getuserphonenumber"):
            problem = self._token_problem(req)
            if problem:
                return 200, problem
        return 200, handler(req)
