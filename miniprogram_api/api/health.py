"""Health check and the OpenAPI document."""
from flask import Blueprint, jsonify
from pynamodb.exceptions import PynamoDBException

from functions.org import calendar as official_calendar
from functions.storage import health
from miniprogram_api.api.request_helpers import now

bp = Blueprint("health", __name__, url_prefix="/api/v1")


@bp.get("/health")
def get_health():
    """Report whether the store answers and whether the calendar covers the next 90 days."""
    result = health.check()
    if result["status"] == "ok":
        try:
            result["calendar"] = official_calendar.health_coverage(now())
        except PynamoDBException as exc:  # the table went between the two reads
            result = {"status": "unavailable", "store": "down", "detail": type(exc).__name__}
    return jsonify(result), (200 if result["status"] == "ok" else 503)


@bp.get("/openapi.json")
def get_openapi():
    """Serve the OpenAPI 3 document of this API."""
    from miniprogram_api.openapi import openapi_document  # ~1,000 lines of dicts, for developers
    return jsonify(openapi_document())
