"""The error contract, health and the OpenAPI document, over the Flask test client."""
import pytest

from miniprogram_api.openapi import openapi_document

pytestmark = pytest.mark.integration


def assert_error(response, status, code):
    assert response.status_code == status
    assert response.is_json, response.data[:200]
    body = response.get_json()
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["fields"], dict)


def test_health_reports_the_store_up(client):
    from datetime import datetime, timezone
    from functions.shared import clock
    clock.set_now(datetime(2026, 6, 1, 2, 0, tzinfo=timezone.utc))  # 2026: in the library
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "store": "up", "calendar": {
        "covered": True, "uncovered_years": [], "days_ahead": 90,
        "checked_through": "2026-08-30"}}


def test_health_reports_503_when_the_table_is_missing(client, store):
    from functions.storage.models import BaseItem
    BaseItem.delete_table()
    response = client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"


def test_unknown_api_route_is_a_json_404(client):
    assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")


def test_wrong_method_is_a_json_405(client):
    assert_error(client.delete("/api/v1/health"), 405, "method_not_allowed")


def test_oversize_body_is_a_json_413(client, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = client.post("/api/v1/health", data=b"x" * (limit + 1),
                           content_type="application/json")
    assert_error(response, 413, "payload_too_large")


def test_openapi_document_lists_every_api_route_and_method(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    documented = {(path, method.upper()) for path, item in document["paths"].items()
                  for method in item if method in ("get", "post", "put", "patch", "delete")}
    routed = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = rule.rule.replace("<", "{").replace(">", "}")
        path = __import__("re").sub(r"\{[a-z_]+:", "{", path)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            routed.add((path, method))
    assert routed == documented


def test_openapi_document_is_what_the_module_builds(client):
    assert client.get("/api/v1/openapi.json").get_json() == openapi_document()


def test_every_operation_that_calls_the_store_declares_503_unavailable(client):
    """Any request reading or writing the store or S3 may meet an outage: 503 `unavailable`
    in the error contract (functions/shared/outages.py); only the document itself and its
    page call nothing."""
    document = client.get("/api/v1/openapi.json").get_json()
    without = sorted((path, method) for path, item in document["paths"].items()
                     for method, op in item.items() if "503" not in op["responses"])
    assert without == [("/api/docs", "get"), ("/api/v1/openapi.json", "get")]
    for item in document["paths"].values():
        for op in item.values():
            if "503" in op["responses"]:
                schema = op["responses"]["503"]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}


def test_an_s3_error_for_the_moment_is_503_and_one_for_good_a_logged_500(app, client, caplog):
    """The one handler answers S3's ClientError as it does DynamoDB's outages."""
    from botocore.exceptions import ClientError

    def failing(code, status):
        def view():
            raise ClientError({"Error": {"Code": code, "Message": code},
                               "ResponseMetadata": {"HTTPStatusCode": status}}, "GetObject")
        return view
    app.add_url_rule("/api/v1/test-s3-slow", "s3_slow", failing("SlowDown", 503))
    app.add_url_rule("/api/v1/test-s3-denied", "s3_denied", failing("AccessDenied", 403))
    slow, denied = client.get("/api/v1/test-s3-slow"), client.get("/api/v1/test-s3-denied")
    assert (slow.status_code, slow.get_json()["error"]["code"]) == (503, "unavailable")
    assert (denied.status_code, denied.get_json()["error"]["code"]) == (500, "internal_error")
    assert "store rejected a request" in caplog.text
