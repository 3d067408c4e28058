"""A phone login code on its way: by SMS when SMS is configured, else (local dev mode
only) in the answer; each send is recorded in the notification log (the code itself only
in dev mode)."""
import logging
from datetime import datetime

from functions.channels import sms
from functions.notifications import log as notification_log
from functions.shared.config import settings
from functions.shared.errors import RateLimited, Unavailable
from functions.shared.ids import new_id
from functions.shared.masking import mask_phone

log = logging.getLogger(__name__)

NO_REGION = "-"


def send_code(phone: str, code: str, now: datetime, region_id: str, times: dict) -> dict:
    """Send `code` to `phone`; the answer: where it went, then `times` (its expiry and
    when another may be asked for), and `dev_code` in local dev mode."""
    config, masked = settings(), mask_phone(phone)
    answer = {"sent_to": masked, **times}
    record = dict(case=None, region_id=region_id, channel="sms", recipient=masked,
                  recipient_name=f"群众 {masked}",
                  event="verification_code", now=now)
    if sms.sms_configured():
        if not config.sms_code_template:
            log.error("SMS is configured but SMS_CODE_TEMPLATE is not; no code sent")
            raise Unavailable("verification codes are not available now")
        outcome = sms.send_sms(phone=phone, template_code=config.sms_code_template,
                               params={"code": code}, out_id=new_id("v"))
        notification_log.record(**record, payload={"template": config.sms_code_template},
                                result="sent" if outcome.ok else "failed",
                                detail=None if outcome.ok else outcome.code)
        if outcome.ok or outcome.maybe_sent:  # it may well arrive: let them try it
            return answer
        if outcome.code in sms.THROTTLED:
            raise RateLimited("the SMS provider refused more codes for this phone now")
        raise Unavailable("the code could not be sent, try again later")
    if not config.wechat_dev_mode:
        # A live app without SMS must never show codes: anyone could log in as anyone.
        log.error("phone login asked for, but SMS is not configured")
        raise Unavailable("verification codes are not available now")
    log.info("dev mode, SMS not configured: verification code for %s is %s", masked, code)
    notification_log.record(**record, payload={"code": code}, result="recorded")
    return {**answer, "dev_code": code}


def known_region(region_id) -> str:
    """The region whose log shows the dev-mode code. With SMS configured the code goes to
    the phone and its record to no region's log: the caller cannot choose an office's."""
    if region_id in (None, ""):
        return NO_REGION
    from functions.org.regions import existing_region_id
    region_id = existing_region_id(region_id)
    return NO_REGION if sms.sms_configured() else region_id
