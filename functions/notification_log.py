"""The record of every notification attempt: who, what, when, through what, result."""
from datetime import datetime

from functions.clock import iso
from functions.domain.errors import Forbidden, ValidationFailed
from functions.ids import new_id
from functions.pagination import page
from functions.storage import case_repository, keys
from functions.storage.models import NotificationItem

CHANNELS = ("wechat", "sms")


def record(*, case: dict | None, region_id: str, channel: str, recipient: str, event: str,
           payload: dict, result: str, now: datetime, detail: str | None = None,
           attempts: int = 1, notification_id: str | None = None) -> dict:
    """Log one attempt as of `now`: the moment the sender acted, never the machine's date."""
    at = iso(now)
    notification_id = notification_id or new_id("n")
    owner = keys.case_pk(case["id"]) if case else keys.region_pk(region_id)
    stamp = f"{at}#{notification_id}"
    item = NotificationItem(
        pk=owner, sk=keys.notification_sk(at, notification_id),
        notification_id=notification_id, case_id=case["id"] if case else None,
        region_id=region_id, channel=channel, recipient=recipient, event=event,
        payload=payload, result=result, detail=detail, attempts=attempts, at=at,
        gsi1pk=keys.region_notifications_key(region_id), gsi1sk=stamp,
        gsi2pk=f"{keys.region_notifications_key(region_id)}#{channel}", gsi2sk=stamp)
    item.save()
    return view(item)


def view(item: NotificationItem) -> dict:
    return {"id": item.notification_id, "case_id": item.case_id, "channel": item.channel,
            "recipient": item.recipient, "event": item.event, "payload": item.payload,
            "result": item.result, "detail": item.detail, "attempts": item.attempts,
            "at": item.at}


def list_records(*, actor: dict, case_id=None, channel=None, limit=None, cursor=None) -> dict:
    if channel not in (None, "") and channel not in CHANNELS:
        raise ValidationFailed("invalid channel", {"channel": "wechat or sms"})
    region = keys.region_notifications_key(actor["region_id"])
    if case_id:
        case = case_repository.get(case_id)
        if case["region_id"] != actor["region_id"]:
            raise Forbidden("this case belongs to another region")
        scope = keys.case_pk(case_id)

        def query(**kwargs):
            return NotificationItem.query(scope, NotificationItem.sk.startswith("NOTIF#"),
                                          scan_index_forward=False, **kwargs)
        rows = page(query, scope=scope, limit=limit, cursor=cursor, view=view)
        if channel:
            rows["items"] = [r for r in rows["items"] if r["channel"] == channel]
        return rows
    index, scope = (NotificationItem.by_gsi2, f"{region}#{channel}") if channel \
        else (NotificationItem.by_gsi1, region)
    return page(lambda **kw: index.query(scope, scan_index_forward=False, **kw),
                scope=scope, limit=limit, cursor=cursor, view=view)
