"""Is the store reachable and the table there? Is the official calendar known ahead?"""
from pynamodb.exceptions import PynamoDBException

from functions.storage.models import BaseItem


def check(now=None) -> dict:
    try:
        BaseItem.describe_table()
    except PynamoDBException as exc:
        return {"status": "unavailable", "store": "down", "detail": type(exc).__name__}
    result = {"status": "ok", "store": "up"}
    if now is not None:
        result["calendar"] = calendar_coverage(now)
    return result


def calendar_coverage(now) -> dict:
    """Every region's calendar (library + entries for all) over the next 90 days, said
    plainly: working days there are counted Monday to Friday until someone enters them."""
    from functions.notifications import messages
    from functions.org import calendar as official_calendar
    coverage = official_calendar.coverage(None, now)
    if not coverage["covered"]:
        coverage["message"] = messages.calendar_uncovered(coverage["uncovered_years"])
    return coverage
