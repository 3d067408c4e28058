"""The versioned writes of a record's outbox: the changes of several entries in one write.

One delivery of a record's outbox (functions/notifications/record_delivery.py) carries
each entry's outcome (its release) to the record's last write of the delivery instead of
writing it alone; the log records that outcome says are written go first (one
BatchWriteItem for the record's attempts). WeChat claims are written as they come. A
sender dying before that write leaves the entry as its last write said, which the next
sender settles as it would any dead sender's (functions/notifications/outbox_delivery.py).
"""
from functions.cases import repository as case_repository
from functions.notifications import log as notification_log
from functions.notifications.outbox_entries import Busy
from functions.shared.errors import Conflict, NotFound


class Carried:
    """Outcomes of delivered entries not written yet, and the log records they say are."""

    def __init__(self):
        self.changes, self.log = {}, []
        self.finished = set()  # entries a write of ours dropped from the outbox

    def take(self) -> dict:
        """Write the log, then hand the changes to the write that carries them."""
        notification_log.save_all(self.log)
        self.log = []
        changes, self.changes = self.changes, {}
        return changes

    def flush(self, kind: str, record_id: str, record: dict | None) -> dict | None:
        """Write what is still carried (the record as saved, or as given when nothing was)."""
        if not self.changes and not self.log:
            return record
        changes = self.take()
        saved = write(kind, record_id, changes, record, dropped=self.finished) \
            if changes else None
        return saved or record


def repository_of(kind: str):
    """The repository of the records that carry an outbox, by kind."""
    if kind == "suggestion":
        from functions.suggestions import repository
        return repository
    return case_repository


def write(kind: str, record_id: str, changes: dict, record: dict | None = None,
          required: str | None = None, dropped: set | None = None) -> dict | None:
    """Apply `changes` ({entry id: change(entry) -> entry | None}) by one versioned write of
    the record (read again when someone changed it meanwhile); the record as saved, or
    None. A change that finds its entry gone or leased to another (Busy) leaves it as it
    is, unless it is the `required` entry's: then nothing is written. The ids of entries
    the write dropped (every recipient settled) are added to `dropped`."""
    for _ in range(5):
        if record is None:
            try:
                record = repository_of(kind).get(record_id)
            except NotFound:
                return None
        outbox, kept, gone = record.get("outbox") or [], [], set()
        if required is not None and all(e["id"] != required for e in outbox):
            return None
        for entry in outbox:
            change = changes.get(entry["id"])
            try:
                result = change(entry) if change else entry
            except Busy:
                if entry["id"] == required:
                    return None
                result = entry
            if result is None:
                gone.add(entry["id"])
            else:
                kept.append(result)
        if not gone and all(a is b for a, b in zip(kept, outbox)):
            return None  # nothing changed
        try:
            saved = repository_of(kind).save({**record, "outbox": kept})
        except Conflict:
            record = None
            continue
        if dropped is not None:
            dropped.update(gone)
        return saved
    return None
