"""What a digest SMS counts: records (cases, suggestions), not the notices queued about them.

"您有${count}件群众诉求待处理": two notices about one case (its arrival, then a reminder)
are one case. Notices beyond a flooded queue's listed entries are kept only as counts by
kind, so each of those still counts as one record (the count is then an upper bound).

Whether a listed record still waits on the person when the digest goes is not known
here: that is the record's status against the person's role, kept on each case or
suggestion item, and knowing it would cost a read per record at every digest. A record
closed meanwhile is still counted.
"""


def listed_records(entries: list[dict]) -> list[dict]:
    """The records queued entries are about, in order, each once with its events:
    [{"kind", "id", "events"}] (entries of older code name no kind: cases). What a digest
    counts, and where its pointers go (functions/notifications/sms_pointers.py)."""
    records: dict[tuple, dict] = {}
    for entry in entries:
        kind = entry.get("kind") or "case"
        record = records.setdefault((kind, entry["case_id"]),
                                    {"kind": kind, "id": entry["case_id"], "events": []})
        if entry.get("event") and entry["event"] not in record["events"]:
            record["events"].append(entry["event"])
    return list(records.values())
