"""Is the store reachable and the table there, and usable now?"""
from pynamodb.exceptions import PynamoDBException

from functions.storage.models import BaseItem


def check() -> dict:
    """A table being deleted (or still being created) is described but refuses reads:
    only an ACTIVE one (or one the store does not say the status of) is up."""
    try:
        described = BaseItem.describe_table()
    except PynamoDBException as exc:
        return {"status": "unavailable", "store": "down", "detail": type(exc).__name__}
    status = (described or {}).get("TableStatus", "ACTIVE")
    if status not in ("ACTIVE", "UPDATING"):
        return {"status": "unavailable", "store": "down", "detail": f"table {status}"}
    return {"status": "ok", "store": "up"}
