"""A fake Aliyun SMS (dysmsapi 2017-05-25) over real HTTP.

It checks what it can without the secret (the signature is not verified) and answers as
Aliyun does: business failures are HTTP 200 with `Code` other than "OK".
"""
import itertools
import json
import re

from .http_fake import FakeServer

REQUIRED = ("PhoneNumbers", "SignName", "TemplateCode")
MAINLAND_MOBILE = re.compile(r"1[3-9]\d{9}")


class FakeSms(FakeServer):
    def __init__(self):
        super().__init__()
        self._serial = itertools.count(1)
        self.throttled_phones: dict[str, str] = {}  # phone → isv.*_LIMIT_CONTROL code
        self.throttle_messages: dict[str, str] = {}  # phone → Aliyun's words on the level
        self.templates: dict[str, set] = {}  # template code → parameter names it needs
        self.balance_empty = False

    def throttle(self, phone, code="isv.BUSINESS_LIMIT_CONTROL",
                 message="触发小时级流控Permits:5"):
        """Refuse sends to `phone` as Aliyun does over a limit; the message names its level."""
        self.throttled_phones[phone] = code
        self.throttle_messages[phone] = message

    def add_template(self, template_code, params):
        self.templates[template_code] = set(params)

    def sends(self) -> list[dict]:
        """The parameters of every SendSms that was answered OK."""
        return [r.params for r in self.requests if r.answer.get("Code") == "OK"]

    def answer(self, req):
        req.params = {**req.query, **req.form}
        params = req.params
        request_id = f"FAKE-REQUEST-{next(self._serial)}"
        if params.get("Action") != "SendSms" or params.get("Version") != "2017-05-25":
            return 400, {"Code": "InvalidAction.NotFound", "RequestId": request_id,
                         "Message": "Specified api is not found, please check your url and method."}
        for name in REQUIRED:
            if not params.get(name):
                return 400, {"Code": f"Missing{name}", "RequestId": request_id,
                             "Message": f"{name} is mandatory for this action."}
        return 200, {"RequestId": request_id, **self._business(params)}

    def _business(self, params) -> dict:
        phone, template = params["PhoneNumbers"], params["TemplateCode"]
        values = _string_map(params.get("TemplateParam") or "{}")
        if values is None:
            return {"Code": "isv.INVALID_JSON_PARAM", "Message": "JSON参数不合法，只接受字符串值"}
        if not MAINLAND_MOBILE.fullmatch(phone):
            return {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号"}
        if template not in self.templates:
            return {"Code": "isv.SMS_TEMPLATE_ILLEGAL", "Message": "该账号下找不到对应模板"}
        if self.templates[template] - set(values):
            return {"Code": "isv.TEMPLATE_MISSING_PARAMETERS", "Message": "模板变量缺少对应参数值"}
        if self.balance_empty:
            return {"Code": "isv.AMOUNT_NOT_ENOUGH", "Message": "账户余额不足"}
        if phone in self.throttled_phones:
            return {"Code": self.throttled_phones[phone],
                    "Message": self.throttle_messages.get(phone, "触发小时级流控Permits:5")}
        return {"Code": "OK", "Message": "OK", "BizId": f"{next(self._serial):06d}^0"}


def _string_map(text):
    """The template parameters, or None unless they are a JSON object of strings."""
    try:
        values = json.loads(text)
    except ValueError:
        return None
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        return None
    return values
