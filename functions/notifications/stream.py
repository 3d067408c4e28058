"""The notify function's other trigger: the table's stream (DynamoDB Streams, NEW_IMAGE).

serverless.yml passes only inserted or modified cases and suggestions that are on the
outbox index (their outbox has entries); each is delivered from its new image, with the
same leases and per-recipient claims as the drain (functions/notifications/outbox_delivery.py),
so the record is not read again unless someone changed it since. Several changes of one
item in a batch are one delivery, from the newest image. The entries a change created are
leased to this delivery by that change itself (`new:<version>`); an older image seen again
cannot take an entry another delivery has (functions/notifications/outbox_entries.py).

Failures are never reported back as `batchItemFailures`: a record that fails is logged
and left in its outbox, where the minute drain retries it with backoff. Retrying the
batch would only repeat the same attempt early (the stream event has no retries).
"""
import logging

from functions.notifications.record_delivery import KINDS, deliver
from functions.notifications.outbox_delivery import repository_of
from functions.notifications.outbox_entries import due
from functions.storage.models import BaseItem

log = logging.getLogger(__name__)
_configured = False


def ensure_configured() -> None:
    """Once per cold start, as the scheduled handlers do: clients live across invocations."""
    global _configured
    if not _configured:
        from functions.shared.config import settings
        from functions.storage.connection import configure
        configure(settings())
        _configured = True


def _changed_records(event: dict) -> dict:
    """{pk: (kind, id, new image, versions)} of the records worth a look: the newest image
    of each, and the versions its changes in this batch wrote (whose new entries are ours)."""
    newest = {}
    for change in (event or {}).get("Records") or []:
        if change.get("eventName") not in ("INSERT", "MODIFY"):
            continue  # a removed item owes nothing more
        image = (change.get("dynamodb") or {}).get("NewImage") or {}
        pk = (image.get("pk") or {}).get("S", "")
        prefix = pk.split("#", 1)[0] + "#"
        if prefix not in KINDS or (image.get("sk") or {}).get("S") != "META":
            continue
        versions = (newest.get(pk) or (None, None, None, set()))[3]
        versions.add((image.get("version") or {}).get("N"))
        newest[pk] = (KINDS[prefix], pk[len(prefix):], image, versions)
    return newest


def deliver_changes(event: dict, now, budget=None) -> dict:
    """Deliver the outbox of every changed record of a stream batch; what was done."""
    done = {"records": len((event or {}).get("Records") or []), "delivered": 0,
            "nothing_due": 0, "failed": 0}
    for kind, record_id, image, versions in _changed_records(event).values():
        try:
            # The item's own type comes from its discriminator (a CaseItem, a SuggestionItem).
            record = repository_of(kind).from_item(BaseItem.from_raw_data(image))
            if not any(due(e, now, versions) for e in record.get("outbox") or []):
                done["nothing_due"] += 1
                continue
            done["delivered"] += deliver(record_id, now, kind=kind, record=record,
                                         budget=budget, writes=versions)
        except Exception:  # the outbox keeps it: the minute drain retries
            log.exception("stream delivery of %s %s failed", kind, record_id)
            done["failed"] += 1
    return done
