"""How much a case item may hold, so it never approaches DynamoDB's 400 KB item limit.

The state machine bounds most moves (a case is re-handled at most twice), but a unit may
post progress and the office may urge again and again. People's moves stop at these
bounds with 409 conflict; the reminder sweep's few small entries stay within the room
left below the hard limit.
"""
import json

from functions.shared.errors import Conflict

MAX_TIMELINE_ENTRIES = 100
MAX_CASE_BYTES = 300 * 1024  # of DynamoDB's 400 KB: room for index attributes and sweeps


def check_room(case: dict) -> None:
    """Conflict when the case after a move would hold more than its bounds allow."""
    entries = len(case.get("timeline") or [])
    if entries > MAX_TIMELINE_ENTRIES:
        raise Conflict("this case's record is full; ask the office to close or restart it",
                       {"timeline": f"at most {MAX_TIMELINE_ENTRIES} entries"})
    size = len(json.dumps(case, ensure_ascii=False, default=str).encode("utf-8"))
    if size > MAX_CASE_BYTES:
        raise Conflict("this case's record is full; ask the office to close or restart it",
                       {"timeline": f"at most {MAX_CASE_BYTES // 1024} KB of text"})
