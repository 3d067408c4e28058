"""A unit's request for more time to answer, and the office's decision: the same for every
record that has one (cases, suggestions). The record keeps its latest request as
`extension` {status: pending | granted | refused | lapsed, ...}; pure, no storage.
"""
REQUEST, DECIDE = "request_extension", "decide_extension"


def pending(record: dict) -> bool:
    return (record.get("extension") or {}).get("status") == "pending"


def one_extension_at_a_time(record: dict, action: str) -> str | None:
    """Guard: one request waits at a time, and the office decides only a waiting one."""
    if action == REQUEST and pending(record):
        return "an extension request is already waiting for the office"
    if action == DECIDE and not pending(record):
        return "no extension request is waiting"
    return None


def requested(new: dict) -> dict:
    """The request as the record keeps it, stamped with the move's time."""
    return {**new["extension"], "status": "pending", "requested_at": new["updated_at"]}


def decided(extension: dict, grant: bool, at: str) -> dict:
    """The request after the office's decision at `at`."""
    return {**extension, "status": "granted" if grant else "refused", "decided_at": at}


def answer_deadline_moved(old: dict, new: dict, due: str) -> None:
    """`new` answers by `due`: reminders of the old answer deadline no longer count."""
    new["deadlines"] = {**(old.get("deadlines") or {}), "answer": due}
    new["reminded"] = [r for r in old.get("reminded") or [] if not r.startswith("answer:")]


def lapse_if_left(new: dict, handling: tuple) -> None:
    """A request still waiting when the record leaves `handling` (answered, returned)
    lapses: nobody decides it, and a later request is not blocked by it."""
    if new["status"] not in handling and pending(new):
        new["extension"] = {**new["extension"], "status": "lapsed"}
