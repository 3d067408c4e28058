"""The record of every notification attempt: who, what, when, through what, result."""
import re
from datetime import datetime

from functions.shared.clock import iso
from functions.shared.masking import mask_phone, mask_text
from functions.notifications.messages import result_reason
from functions.shared.errors import Forbidden, ValidationFailed
from functions.shared.ids import new_id
from functions.shared.pagination import page
from functions.cases import repository as case_repository
from functions.storage import indexes, keys
from functions.storage.models import NotificationItem

CHANNELS = ("wechat", "sms")


def record(**fields) -> dict:
    """Log one attempt as of `now`: the moment the sender acted, never the machine's date."""
    written = item(**fields)
    written.save()
    return view(written)


def save_all(items: list) -> None:
    """Write a sender's records together (BatchWriteItem, 25 a request): one store call for
    the attempts of a delivery instead of one each."""
    if not items:
        return
    with NotificationItem.batch_write() as batch:
        for each in items:
            batch.save(each)


def item(*, case: dict | None, region_id: str, channel: str, recipient: str, event: str,
         payload: dict, result: str, now: datetime, detail: str | None = None,
         attempts: int = 1, notification_id: str | None = None,
         recipient_name: str | None = None) -> NotificationItem:
    """The record of one attempt as of `now`, not yet written."""
    at = iso(now)
    notification_id = notification_id or new_id("n")
    owner = keys.case_pk(case["id"]) if case else keys.region_pk(region_id)
    stamp = f"{at}#{notification_id}"
    return NotificationItem(
        pk=owner, sk=keys.notification_sk(at, notification_id),
        notification_id=notification_id, case_id=case["id"] if case else None,
        region_id=region_id, channel=channel, recipient=recipient,
        recipient_name=recipient_name, event=event,
        payload=payload, result=result, detail=detail, attempts=attempts, at=at,
        **indexes.notification_log.entry(keys.region_notifications_key(region_id), stamp),
        **indexes.notification_log_by_channel.entry(
            f"{keys.region_notifications_key(region_id)}#{channel}", stamp))


def view(item: NotificationItem) -> dict:
    """One attempt; `recipient_name` says who in words (phones in it masked)."""
    return {"id": item.notification_id, "case_id": item.case_id, "channel": item.channel,
            "recipient": item.recipient,
            "recipient_name": item.recipient_name or who(item.recipient),
            "event": item.event, "payload": item.payload, "result": item.result,
            "reason": result_reason(item.detail), "detail": _masked(item.detail, item.recipient),
            "attempts": item.attempts, "at": item.at}


_PHONE = re.compile(r"^\+?\d{7,15}$")


def _masked(detail: str | None, recipient: str) -> str | None:
    """The detail with every mobile number masked, the recipient's even inside an id."""
    if not detail:
        return None
    if _PHONE.match(recipient):
        detail = detail.replace(recipient, mask_phone(recipient))
    return mask_text(detail)
_KINDS = {"deputy": "代表", "staff": "工作人员", "user": "群众"}


def who(recipient: str) -> str:
    """Words for a recipient recorded before names were (`deputy:d1`, a bare phone)."""
    kind, _, rest = recipient.partition(":")
    if kind == "staff":
        return f"工作人员 {rest}"
    if kind in _KINDS:
        return _KINDS[kind]
    return mask_phone(recipient) if _PHONE.match(recipient) else recipient


def list_records(*, actor: dict, case_id=None, channel=None, limit=None, cursor=None) -> dict:
    if channel not in (None, "") and channel not in CHANNELS:
        raise ValidationFailed("invalid channel", {"channel": "wechat or sms"})
    region = keys.region_notifications_key(actor["region_id"])
    if case_id:
        case = case_repository.get(case_id)
        if case["region_id"] != actor["region_id"]:
            raise Forbidden("this case belongs to another region")
        # One case has few notices: the channel is a filter inside the Query of its
        # partition, so a page holds `limit` matching ones, not a filtered-down page.
        scope = f"{keys.case_pk(case_id)}#{channel or ''}"
        only = (NotificationItem.channel == channel) if channel else None

        def query(**kwargs):
            return NotificationItem.query(keys.case_pk(case_id),
                                          NotificationItem.sk.startswith("NOTIF#"),
                                          filter_condition=only, scan_index_forward=False,
                                          **kwargs)
        return page(query, scope=scope, limit=limit, cursor=cursor, view=view)
    index, scope = (indexes.notification_log_by_channel.index(NotificationItem),
                    f"{region}#{channel}") if channel \
        else (indexes.notification_log.index(NotificationItem), region)
    return page(lambda **kw: index.query(scope, scan_index_forward=False, **kw),
                scope=scope, limit=limit, cursor=cursor, view=view)
