"""What a digest SMS counts: records (cases, suggestions), not the notices queued about them.

"您有${count}件群众诉求待处理": two notices about one case (its arrival, then a reminder)
are one case. Notices beyond a flooded queue's listed entries are kept only as counts by
kind, so each of those still counts as one record (the count is then an upper bound).

Whether a listed record still waits on the person when the digest goes is not known
here: that is the record's status against the person's role, kept on each case or
suggestion item, and knowing it would cost a read per record at every digest. A record
closed meanwhile is still counted.
"""


def distinct_records(entries: list[dict]) -> list[dict]:
    """The first queued entry of each record, in order (a record: its kind and id)."""
    seen, first = set(), []
    for entry in entries:
        record = (entry.get("kind") or "case", entry.get("case_id"))
        if record not in seen:
            seen.add(record)
            first.append(entry)
    return first
