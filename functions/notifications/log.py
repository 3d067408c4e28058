"""The record of every notification attempt: who, what, when, through what, result."""
import re
from datetime import datetime

from functions.shared.clock import iso
from functions.shared.masking import mask_phone, mask_text
from functions.notifications.code_names import result_reason
from functions.shared.errors import Forbidden, NotFound, ValidationFailed
from functions.shared.ids import new_id
from functions.shared.pagination import page
from functions.cases import repository as case_repository
from functions.storage import indexes, keys, suggestion_keys
from functions.storage.notification_models import NotificationItem

CHANNELS = ("wechat", "sms")
# Who may read the log (a case's own list too): every route to it refuses other staff,
# and a page links to it only for them. A unit sees its own cases, never who was told.
READERS = ("admin", "office")


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


def exists(*, region_id: str, at: str, notification_id: str) -> bool:
    """Is the region's record `notification_id` of `at` written (one consistent GetItem)?"""
    try:
        NotificationItem.get(keys.region_pk(region_id), keys.notification_sk(at, notification_id),
                             consistent_read=True)
    except NotificationItem.DoesNotExist:
        return False
    return True


def item(*, case: dict | None, region_id: str, channel: str, recipient: str, event: str,
         payload: dict, result: str, now: datetime, detail: str | None = None,
         attempts: int = 1, notification_id: str | None = None,
         recipient_name: str | None = None, suggestion: dict | None = None
         ) -> NotificationItem:
    """The record of one attempt as of `now`, not yet written. A case's or suggestion's
    attempts are kept in its own partition (its filter)."""
    at = iso(now)
    notification_id = notification_id or new_id("n")
    kind, about = ("case", case) if case else ("suggestion", suggestion) if suggestion \
        else (None, None)
    owner = _OWNERS[kind](about["id"]) if about else keys.region_pk(region_id)
    stamp = f"{at}#{notification_id}"
    return NotificationItem(
        pk=owner, sk=keys.notification_sk(at, notification_id),
        notification_id=notification_id, case_id=case["id"] if case else None,
        record_kind=kind, record_id=about["id"] if about else None,
        region_id=region_id, channel=channel, recipient=recipient,
        recipient_name=recipient_name, event=event,
        payload=payload, result=result, detail=detail, attempts=attempts, at=at,
        **indexes.notification_log.entry(keys.region_notifications_key(region_id), stamp),
        **indexes.notification_log_by_channel.entry(
            f"{keys.region_notifications_key(region_id)}#{channel}", stamp))


_OWNERS = {"case": keys.case_pk, "suggestion": suggestion_keys.suggestion_pk}


def view(item: NotificationItem) -> dict:
    """One attempt; `recipient_name` says who in words (phones in it masked); `record_id`
    the case or suggestion it is about (older records: from case_id or the payload)."""
    kind, record_id = item.record_kind, item.record_id
    if record_id is None and item.case_id:
        kind, record_id = "case", item.case_id
    elif record_id is None and (item.payload or {}).get("suggestion_id"):
        kind, record_id = "suggestion", item.payload["suggestion_id"]
    return {"id": item.notification_id, "case_id": item.case_id, "record_kind": kind,
            "record_id": record_id, "channel": item.channel,
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


def list_records(*, actor: dict, record_id=None, case_id=None, channel=None, limit=None,
                 cursor=None) -> dict:
    """The region's attempts, newest first; `record_id` (a case's or a suggestion's id;
    `case_id` is the older name) keeps those about it (an SMS batch by its pointer in the
    record's partition: sms_pointers.py), `channel` those of one channel."""
    if channel not in (None, "") and channel not in CHANNELS:
        raise ValidationFailed("invalid channel", {"channel": "wechat or sms"})
    region = keys.region_notifications_key(actor["region_id"])
    record_id = record_id or case_id
    if record_id:
        owner = _owner_in_region(record_id, actor["region_id"])
        # One record has few notices: the channel is a filter inside the Query of its
        # partition, so a page holds `limit` matching ones, not a filtered-down page.
        scope = f"{owner}#{channel or ''}"
        only = (NotificationItem.channel == channel) if channel else None

        def query(**kwargs):
            return NotificationItem.query(owner, NotificationItem.sk.startswith("NOTIF#"),
                                          filter_condition=only, scan_index_forward=False,
                                          **kwargs)
        return page(query, scope=scope, limit=limit, cursor=cursor, view=view)
    index, scope = (indexes.notification_log_by_channel.index(NotificationItem),
                    f"{region}#{channel}") if channel \
        else (indexes.notification_log.index(NotificationItem), region)
    return page(lambda **kw: index.query(scope, scan_index_forward=False, **kw),
                scope=scope, limit=limit, cursor=cursor, view=view)


def _owner_in_region(record_id: str, region_id: str) -> str:
    """The partition of the case or suggestion `record_id` (404 if neither, 403 if it is
    another region's). Suggestion ids start with "s"; case ids are hexadecimal."""
    about = None
    if record_id.startswith("s"):
        from functions.suggestions import repository as suggestion_repository
        try:
            about = ("suggestion", suggestion_repository.get(record_id))
        except NotFound:
            about = None
    about = about or ("case", case_repository.get(record_id))
    if about[1]["region_id"] != region_id:
        raise Forbidden(f"this {about[0]} belongs to another region")
    return _OWNERS[about[0]](record_id)
