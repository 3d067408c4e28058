"""Where an SMS batch shows in each listed record's own notification list.

An SMS (sent at once or as a digest) is about several records, so it is logged once under
its region (functions/notifications/sms_at_once.py `record`). For the list of one case or
suggestion (`GET /api/v1/staff/notifications?record_id=`) each record the batch lists also
gets a pointer: a notification item in the record's partition under the same key as the
batch (`NOTIF#<at>#<batch id>`), saying who, when, sms, the result and this record's
events, without the region log's index attributes (the region's list keeps one entry per
batch). The pointers go with the batch's record (a digest's own write; an SMS sent at
once rides its delivery's log write), by BatchWriteItem, 25 items a request: a digest of
up to 24 records costs no call more, a flooded one of MAX_LISTED (300) 13 calls, not 1
(a phone has one digest an hour at most). A re-log of the batch (its
sender's result, or `unknown` after a dead sender) writes the same keys: it overwrites.

A digest points to its listed records only: notices beyond the queue's MAX_LISTED entries
are kept as counts (functions/notifications/sms_queue.py), so the records they were about
are not known. Only cases and suggestions have a partition to point from.
"""
from functions.notifications import log as notification_log
from functions.notifications.digest_records import listed_records
from functions.storage import indexes

POINTED_KINDS = ("case", "suggestion")


def records_of(batch: dict) -> list[dict]:
    """The records a batch lists: a digest's `records`, an at-once batch's one entry's (a
    digest claimed by older code lists none)."""
    if "records" in batch:
        return batch["records"] or []
    return listed_records([batch["entry"]]) if batch.get("entry") else []


def pointers(batch: dict, fields: dict) -> list:
    """The pointer items of `batch`, logged with `fields` (those of its region record)."""
    sent_as = "at_once" if batch.get("entry") else "digest"
    items = []
    for record in records_of(batch):
        if record["kind"] not in POINTED_KINDS:
            continue
        about = {"id": record["id"]}
        events = record.get("events") or [fields["event"]]
        item = notification_log.item(**{
            **fields, "case": about if record["kind"] == "case" else None,
            "suggestion": about if record["kind"] == "suggestion" else None,
            "event": events[0],
            "payload": {"count": fields["payload"]["count"], "kinds": fields["payload"]["kinds"],
                        "events": events, "sent_as": sent_as}})
        for index in (indexes.notification_log, indexes.notification_log_by_channel):
            index.take_off(item)
        items.append(item)
    return items
