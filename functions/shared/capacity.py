"""How much a case (or suggestion) item may hold, so it never approaches DynamoDB's
400 KB item limit.

The state machine bounds most moves (a case is re-handled at most twice), but a unit may
post progress and the office may urge again and again. People's moves stop at these
bounds with 409 conflict; the reminder sweep's few small entries stay within the room
left below the hard limit.
"""
import json

from functions.shared.errors import Conflict

MAX_TIMELINE_ENTRIES = 100
MAX_CASE_BYTES = 300 * 1024  # of DynamoDB's 400 KB: room for index attributes and sweeps


class Full(Conflict):
    """The record holds all it may: a 409 that retrying on a newer version cannot cure."""


def check_room(record: dict, what: str = "case") -> None:
    """Full when the case (or suggestion) after a move would hold more than its bounds."""
    message = f"this {what}'s record is full; ask the office to close or restart it"
    entries = len(record.get("timeline") or [])
    if entries > MAX_TIMELINE_ENTRIES:
        raise Full(message, {"timeline": f"at most {MAX_TIMELINE_ENTRIES} entries"})
    size = len(json.dumps(record, ensure_ascii=False, default=str).encode("utf-8"))
    if size > MAX_CASE_BYTES:
        raise Full(message, {"timeline": f"at most {MAX_CASE_BYTES // 1024} KB of text"})
