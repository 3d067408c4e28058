"""One duty notice to one person: a WeChat subscription message where the person has a
credit (deputies), else one SMS with the duty template. Each attempt comes back as
(channel, result, detail) for the notification log, results as in channels.dispatch."""
import json
from datetime import datetime


from functions.notifications import credits as subscriptions
from functions.shared.clock import parse_iso
from functions.shared.config import settings
from functions.notifications.wechat_fields import fit_data
from functions import deputies
from functions.identity import staff_contacts
from functions.shared.errors import NotFound
from .messages import NOTICE_STATUS, NOTICE_TEXT

TEMPLATE_KEYS = ("duty_update", "case_progress")  # a duty template if set, else progress
DEFAULT_FIELDS = {"thing1": "content", "phrase2": "status", "thing3": "event",
                  "time4": "time", "character_string5": "case_id"}
PAGE = "pages/duty/index"


def send(item, now: datetime) -> list[tuple[str, str, str]]:
    person = _person(item.recipient)
    if person is None:
        return [("wechat", "skipped", "no active recipient")]
    tried = [("wechat", *_wechat(person, item))]
    if tried[0][1] == "skipped" and person["phone"]:
        tried.append(("sms", *_sms(person["phone"], item)))
    return tried


def _person(recipient: str) -> dict | None:
    kind, _, ident = (recipient or "").partition(":")
    if kind == "staff":
        found = staff_contacts.active_contact(ident)
        return found and {"user_id": None, "openid": found["openid"], "phone": found["phone"]}
    if kind != "deputy":
        return None
    try:
        found = deputies.get_deputy_item(ident)
    except NotFound:
        return None
    if not found.active:
        return None
    return {"user_id": found.bound_user_id, "openid": found.openid, "phone": found.phone}


def _wechat(person: dict, item) -> tuple[str, str]:
    from functions.channels import wechat as channel
    if not person["openid"] or not person["user_id"]:
        return "skipped", "no WeChat subscription for this person"
    template_id = next(filter(None, map(subscriptions.template_for, TEMPLATE_KEYS)), None)
    if not template_id:
        return "skipped", "no subscription template configured for duty notices"
    long_term = subscriptions.is_long_term(template_id)
    if not long_term and not subscriptions.consume_credit(user_id=person["user_id"],
                                                          template_id=template_id):
        return "skipped", "no subscription credit: the deputy has not allowed this message"
    meanings = {"content": item.subject, "status": NOTICE_STATUS[item.event],
                "event": NOTICE_TEXT[item.event], "time": parse_iso(item.at),
                "case_id": item.ref, "deputy": "", "unit": ""}
    layout = settings().wechat_template_fields.get(template_id) or DEFAULT_FIELDS
    data = fit_data({key: meanings.get(meaning, "") for key, meaning in layout.items()})
    if not channel.wechat_configured():
        return "recorded", json.dumps({"touser": person["openid"], "template_id": template_id,
                                       "page": PAGE, "data": data}, ensure_ascii=False)
    outcome = channel.send_subscribe_message(openid=person["openid"], template_id=template_id,
                                             data=data, page=PAGE)
    if outcome.ok:
        return "sent", "ok"
    if outcome.retryable and not long_term:
        subscriptions.add_credits(user_id=person["user_id"], template_id=template_id)
    return ("retry" if outcome.retryable else "failed"), f"{outcome.code}: {outcome.message}"


def _sms(phone: str, item) -> tuple[str, str]:
    from functions.channels import sms as channel
    code = settings().sms_duty_template
    params = {"event": NOTICE_TEXT[item.event], "title": item.subject[:20]}
    if not channel.sms_configured():
        return "recorded", json.dumps({"PhoneNumbers": phone, "TemplateCode": code,
                                       "TemplateParam": params, "OutId": item.notice_id},
                                      ensure_ascii=False)
    outcome = channel.send_sms(phone=phone, template_code=code, params=params,
                               out_id=item.notice_id[:32])
    if outcome.ok:
        return "sent", f"BizId {outcome.biz_id}"
    detail = f"{outcome.code}: {outcome.message}"
    if outcome.maybe_sent:
        return "unknown", detail
    return ("retry" if outcome.retryable else "failed"), detail
