"""WeChat message push: subscription popup and change events keep our credits in step.

wechatpy 1.8.18 parses these events as UnknownMessage, so the raw fields are read here.
`List` is an object for one template and an array for several, in JSON mode and in XML
alike (repeated <List> elements), so both are read as "one or many". Every push is
signed (token), fresh (timestamp within 5 minutes) and used once (nonce kept 10 minutes);
safe mode's encrypted body is opened with wechatpy's WeChatCrypto (`msg_signature`).
"""
import json
import logging
import struct
from datetime import datetime, timedelta, timezone

from pynamodb.exceptions import PutError

from functions.notifications import credit_accepts, credits as subscriptions
from functions.identity import users
from functions.shared.clock import iso, now as clock_now
from functions.shared.config import settings
from functions.shared.errors import Forbidden, ValidationFailed
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import ThrottleItem

log = logging.getLogger(__name__)

POPUP, CHANGE, SENT = ("subscribe_msg_popup_event", "subscribe_msg_change_event",
                       "subscribe_msg_sent_event")
MAX_SKEW = timedelta(minutes=5)
_CONTAINERS = {POPUP: "SubscribeMsgPopupEvent", CHANGE: "SubscribeMsgChangeEvent",
               SENT: "SubscribeMsgSentEvent"}


def verify(*, signature: str | None, timestamp: str | None, nonce: str | None) -> None:
    """Raise Forbidden unless WeChat signed this request with our push token, within
    MAX_SKEW of now, with a nonce not seen before (a captured request cannot be replayed)."""
    token = settings().wechat_push_token
    if not token:
        raise Forbidden("message push is not configured")
    if not (signature and timestamp and nonce) or len(nonce) > 64 \
            or not timestamp.isdigit() or len(timestamp) > 12:
        raise Forbidden("missing push signature")
    from wechatpy.exceptions import InvalidSignatureException
    from wechatpy.utils import check_signature
    try:
        check_signature(token, signature, timestamp, nonce)
    except InvalidSignatureException as exc:
        raise Forbidden("bad push signature") from exc
    sent = datetime.fromtimestamp(int(timestamp), tz=timezone.utc)
    now = clock_now()
    if abs(now - sent) > MAX_SKEW:
        raise Forbidden("push timestamp too old or too new", {"timestamp": "not within 5 min"})
    try:
        ThrottleItem(pk=keys.throttle_pk(f"push-nonce#{timestamp}#{nonce}"), sk=keys.META,
                     hits=1, window_start=iso(sent), expires_at=now + 2 * MAX_SKEW
                     ).save(condition=ThrottleItem.pk.does_not_exist())
    except PutError as exc:
        if not is_condition_failure(exc):
            raise
        raise Forbidden("replayed push", {"nonce": "already used"}) from None


def decrypt(message: dict, *, msg_signature: str | None, timestamp: str, nonce: str) -> dict:
    """The plain message inside a safe-mode push (wechatpy's WeChatCrypto, AES-CBC)."""
    config = settings()
    if not config.wechat_push_aes_key:
        raise ValidationFailed("encrypted push received but WECHAT_PUSH_AES_KEY is not set")
    from wechatpy.crypto import WeChatCrypto
    from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
    crypto = WeChatCrypto(config.wechat_push_token, config.wechat_push_aes_key,
                          config.wechat_appid or "")
    try:
        plain = crypto.decrypt_message(message, msg_signature or "", timestamp, nonce)
    except (InvalidSignatureException, InvalidAppIdException) as exc:
        raise Forbidden("bad encrypted push") from exc
    except (ValueError, KeyError, TypeError, IndexError, struct.error) as exc:
        # broken base64, padding or layout (only reachable with a valid msg_signature)
        raise ValidationFailed("unreadable encrypted push") from exc
    inner = parse(plain.encode() if isinstance(plain, str) else plain)
    if "Encrypt" in inner:
        raise ValidationFailed("push encrypted twice")
    return inner


def handle(*, body: bytes, content_type: str = "", msg_signature: str | None = None,
           timestamp: str = "", nonce: str = "") -> dict:
    """Apply one verified push message → what it changed, for the log and tests."""
    message = parse(body, content_type)
    if "Encrypt" in message:  # safe mode (or compatible mode's encrypted copy)
        message = decrypt(message, msg_signature=msg_signature, timestamp=timestamp,
                          nonce=nonce)
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
            changed[template_id] = credit_accepts.add_accept(
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
