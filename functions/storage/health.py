"""Is the store reachable and the table there?"""
from pynamodb.exceptions import PynamoDBException

from functions.storage.models import BaseItem


def check() -> dict:
    try:
        BaseItem.describe_table()
    except PynamoDBException as exc:
        return {"status": "unavailable", "store": "down", "detail": type(exc).__name__}
    return {"status": "ok", "store": "up"}
