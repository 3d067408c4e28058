"""WeChat message push: subscription popup and change events keep our credits in step.

wechatpy 1.8.18 parses these events as UnknownMessage, so the raw fields are read here.
`List` is an object for one template and an array for several, in JSON mode and in XML
alike (repeated <List> elements), so both are read as "one or many".
"""
import json
import logging

from functions.notifications import credits as subscriptions
from functions.identity import users
from functions.shared.config import settings
from functions.shared.errors import Forbidden, ValidationFailed

log = logging.getLogger(__name__)

POPUP, CHANGE, SENT = ("subscribe_msg_popup_event", "subscribe_msg_change_event",
                       "subscribe_msg_sent_event")
_CONTAINERS = {POPUP: "SubscribeMsgPopupEvent", CHANGE: "SubscribeMsgChangeEvent",
               SENT: "SubscribeMsgSentEvent"}


def verify(*, signature: str | None, timestamp: str | None, nonce: str | None) -> None:
    """Raise Forbidden unless WeChat signed this request with our push token."""
    token = settings().wechat_push_token
    if not token:
        raise Forbidden("message push is not configured")
    if not (signature and timestamp and nonce):
        raise Forbidden("missing push signature")
    from wechatpy.exceptions import InvalidSignatureException
    from wechatpy.utils import check_signature
    try:
        check_signature(token, signature, timestamp, nonce)
    except InvalidSignatureException as exc:
        raise Forbidden("bad push signature") from exc


def handle(*, body: bytes, content_type: str = "") -> dict:
    """Apply one verified push message → what it changed, for the log and tests."""
    message = parse(body, content_type)
    if "Encrypt" in message:
        raise ValidationFailed("encrypted push messages are not supported; use plaintext mode")
    event, openid = message.get("Event"), message.get("FromUserName")
    if event not in _CONTAINERS or not openid:
        return {"event": event, "changed": {}}  # other messages need no answer from us
    items = _items(message, _CONTAINERS[event])
    user_id = users.wechat_user_id(openid)
    changed = {}
    known = subscriptions.known_templates()
    for item in items:
        template_id, status = item.get("TemplateId"), item.get("SubscribeStatusString")
        if template_id not in known:
            log.info("push names template %s that we do not use", template_id)
        elif event == POPUP and status == "accept":
            changed[template_id] = subscriptions.add_accept(
                user_id=user_id, template_id=template_id, source="push")
        elif event == CHANGE and status == "reject":
            subscriptions.reset_credits(user_id=user_id, template_id=template_id)
            changed[template_id] = 0
        elif event == SENT:
            log.info("subscription message %s to %s: %s %s", item.get("MsgID"), user_id,
                     item.get("ErrorCode"), item.get("ErrorStatus"))
    return {"event": event, "user_id": user_id, "changed": changed}


def parse(body: bytes, content_type: str = "") -> dict:
    """A push body, JSON or XML, → a flat dict of its fields."""
    text = (body or b"").decode("utf-8", "replace").strip()
    try:
        if "json" in content_type or text.startswith("{"):
            message = json.loads(text)
        else:
            import xmltodict
            message = xmltodict.parse(text).get("xml")
    except Exception as exc:  # any parser's complaint means the same to the sender
        raise ValidationFailed("push body is neither JSON nor XML") from exc
    if not isinstance(message, dict):
        raise ValidationFailed("push body is not a message")
    return message


def _items(message: dict, container: str) -> list[dict]:
    # JSON mode puts List at the top; XML wraps it in a per-event container element.
    listed = message.get("List")
    if listed is None and isinstance(message.get(container), dict):
        listed = message[container].get("List")
    if isinstance(listed, dict):
        listed = [listed]
    return [item for item in listed or [] if isinstance(item, dict)]
