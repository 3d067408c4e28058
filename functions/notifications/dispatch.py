"""One send through WeChat or SMS, reduced to (result, detail) for the notification log.

Results: `sent`, `recorded` (dev mode: what would have gone out), `skipped` (no credit,
no template), `failed` (definitive), `retry` (certainly not delivered; try later),
`unknown` (may have been delivered; never resent).
"""
import json

from functions.notifications import messages, credits as subscriptions
from functions.shared.config import settings
from functions.notifications.wechat_fields import fit_data


NO_CREDIT = "no subscription credit: the user has not allowed this message"


def certain_skip(person, event: str) -> str | None:
    """Why a WeChat send to `person` would be skipped whatever happens, known without a
    write (so it needs no claim), or None when it must be tried."""
    template_id = subscriptions.template_for(messages.template_key(event))
    if not template_id:
        return f"no subscription template configured for {event}"
    if subscriptions.is_long_term(template_id):
        return None
    if not person.user_id:
        return NO_CREDIT
    if person.credits is not None and person.credits.get(template_id, 0) <= 0:
        return NO_CREDIT
    return None


def claimed_by_credit(person, event: str) -> bool:
    """Does spending the credit of this send mark it as the entry's, so that the credit's
    write claims it (the user's credits and marks were read with the user)?"""
    template_id = subscriptions.template_for(messages.template_key(event))
    return bool(template_id and person.user_id and person.credits is not None
                and not subscriptions.is_long_term(template_id))


def wechat(*, person, event: str, case: dict, now, timeout=None,
           kind: str = "case", deadline: str | None = None,
           marker: str | None = None) -> tuple[str, str]:
    """One subscription message; a credit is spent first (marked with `marker`, the
    outbox entry) and given back only if the message certainly did not go out (a 43101
    forgets this template's credits alone); `kind` names the record (case, suggestion)
    whose mini-program page it opens; `deadline` the deadline a reminder is about, whose
    last day the message tells."""
    from functions.channels import wechat as channel
    template_id = subscriptions.template_for(messages.template_key(event))
    if not template_id:
        return "skipped", f"no subscription template configured for {event}"
    long_term = subscriptions.is_long_term(template_id)
    if not long_term:
        if not person.user_id or not subscriptions.consume_credit(
                user_id=person.user_id, template_id=template_id, marker=marker, now=now):
            return "skipped", NO_CREDIT
    layout = settings().wechat_template_fields.get(template_id)
    data = fit_data(messages.subscribe_data(event, case, now, layout, deadline))
    page = f"pages/{kind}/detail?id={case['id']}"
    if not channel.wechat_configured():
        return "recorded", json.dumps({"touser": person.openid, "template_id": template_id,
                                       "page": page, "data": data}, ensure_ascii=False)
    outcome = channel.send_subscribe_message(openid=person.openid, template_id=template_id,
                                             data=data, page=page, timeout=timeout)
    if outcome.ok:
        return "sent", "ok"
    if outcome.maybe_sent:  # it may have reached the user: the credit stays spent
        return "unknown", outcome.message
    if outcome.code == 43101 and person.user_id:
        subscriptions.reset_credits(user_id=person.user_id, template_id=template_id)
    elif outcome.retryable and person.user_id and not long_term:
        # Not delivered: give back the credit the next attempt will spend.
        subscriptions.add_credits(user_id=person.user_id, template_id=template_id,
                                  given_back_by=marker)
    detail = f"{outcome.code}: {outcome.message}"
    return ("retry" if outcome.retryable else "failed"), detail


# Our names for the Aliyun templates, each with its own code in the settings.
SMS_TEMPLATES = {"digest": "sms_digest_template", "duty": "sms_duty_template",
                 "project": "sms_project_template"}


def sms(*, phone: str, template: str, params: dict, out_id: str,
        read_timeout: float | None = None) -> tuple[str, str]:
    """One SMS with our template `template` ("digest", "duty", "project"), reduced to
    (result, detail)."""
    from functions.channels import sms as channel
    code = getattr(settings(), SMS_TEMPLATES[template])
    if not channel.sms_configured():
        return "recorded", json.dumps({"PhoneNumbers": phone, "TemplateCode": code,
                                       "TemplateParam": params, "OutId": out_id},
                                      ensure_ascii=False)
    outcome = channel.send_sms(phone=phone, template_code=code, params=params, out_id=out_id,
                               read_timeout=read_timeout or channel.READ_TIMEOUT)
    if outcome.ok:
        return "sent", f"BizId {outcome.biz_id}"
    detail = f"{outcome.code}: {outcome.message}"
    if outcome.maybe_sent:
        return "unknown", detail
    return ("retry" if outcome.retryable else "failed"), detail
