"""One project notice to one person: a WeChat subscription message with the notice's own
template where the person has a credit, else one SMS with the project template where they
have a phone. Each attempt comes back as (channel, result, detail) for the notification
log, results as in `notifications.dispatch`."""
import json
from datetime import datetime

from functions.notifications import credits as subscriptions, dispatch
from functions.shared.config import settings
from functions.shared.ids import derived_id
from .notice_fields import sms_params, wechat_data

WECHAT_TIMEOUT, SMS_TIMEOUT = (3, 5), (2, 5)  # connect, read: as the channels' own


def send(notice, person: dict, now: datetime, budget=None) -> list[tuple[str, str, str]]:
    """WeChat first; SMS only when WeChat certainly sent nothing and will not retry.
    With a `budget` each request's timeouts are cut to the time left."""
    tried = [("wechat", *_wechat(notice, person, now, budget))]
    if tried[0][1] in ("skipped", "failed") and person["phone"]:
        tried.append(("sms", *_sms(notice, person, budget)))
    return tried


def _wechat(notice, person: dict, now: datetime, budget) -> tuple[str, str]:
    from functions.channels import wechat as channel
    template_id = subscriptions.template_for(notice.event)
    if not template_id:
        return "skipped", f"no subscription template configured for {notice.event}"
    if not person["openid"]:
        return "skipped", "no WeChat identity"
    user_id = person["user_id"]
    long_term = subscriptions.is_long_term(template_id)
    if not long_term and not (
            user_id and subscriptions.consume_credit(user_id=user_id, template_id=template_id)):
        return "skipped", "no subscription credit: the user has not allowed this message"
    layout = settings().wechat_template_fields.get(template_id)
    data = wechat_data(notice.event, notice.subject, now, layout)
    page = notice.subject["page"]
    if not channel.wechat_configured():
        return "recorded", json.dumps({"touser": person["openid"], "template_id": template_id,
                                       "page": page, "data": data}, ensure_ascii=False)
    outcome = channel.send_subscribe_message(
        openid=person["openid"], template_id=template_id, data=data, page=page,
        timeout=budget.timeout(*WECHAT_TIMEOUT) if budget is not None else None)
    if outcome.ok:
        return "sent", "ok"
    if outcome.maybe_sent:  # it may have reached the person: never resent, credit spent
        return "unknown", outcome.message
    if outcome.code == 43101 and user_id:
        subscriptions.reset_credits(user_id=user_id, template_id=template_id)
    elif outcome.retryable and user_id and not long_term:
        subscriptions.add_credits(user_id=user_id, template_id=template_id)
    return ("retry" if outcome.retryable else "failed"), f"{outcome.code}: {outcome.message}"


def _sms(notice, person: dict, budget) -> tuple[str, str]:
    """One SMS; `dispatch.sms` says `retry` only when it certainly did not go out."""
    return dispatch.sms(phone=person["phone"], template="project",
                        params=sms_params(notice.event, notice.subject),
                        out_id=derived_id(notice.notice_id, person["key"]),
                        read_timeout=budget.timeout(*SMS_TIMEOUT)[1] if budget is not None else None)
