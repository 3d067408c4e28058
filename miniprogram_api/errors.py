"""Every error leaves as `{"error": {"code", "message", "fields"}}` on /api paths."""
import logging

from botocore.exceptions import BotoCoreError, ClientError, ConnectionError as BotoConnectionError
from flask import jsonify, request
from pynamodb.exceptions import PynamoDBConnectionError
from werkzeug.exceptions import HTTPException

from functions.shared import clock
from functions.shared.clock import parse_iso
from functions.shared.errors import DomainError
from functions.shared.outages import is_transient
from functions.storage import prefetch
from miniprogram_api.too_large import too_large_page

log = logging.getLogger(__name__)

_HTTP_CODES = {
    400: "validation_error", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
    415: "unsupported_media_type", 429: "rate_limited", 503: "unavailable",
}
_HTTP_MESSAGES = {
    404: "no such resource", 405: "method not allowed on this resource",
    413: "request body too large", 415: "unsupported content type",
}


def error_response(status: int, code: str, message: str, fields: dict | None = None):
    body = {"error": {"code": code, "message": message, "fields": fields or {}}}
    return jsonify(body), status


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.startswith("/wechat/") \
        or request.accept_mimetypes.best == "application/json"


def register(app):
    @app.teardown_request
    def forget_items_read_ahead(_exc):
        prefetch.forget()

    @app.after_request
    def api_headers(response):
        """API answers carry personal data and tokens: never cached, never sniffed."""
        if request.path.startswith("/api/"):
            response.headers["Cache-Control"] = "no-store"
            response.headers["X-Content-Type-Options"] = "nosniff"
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security",
                                        "max-age=31536000; includeSubDomains")
        return response

    @app.before_request
    def refuse_oversize_bodies():
        # Refuse by the declared length before any route reads the body.
        limit = app.config.get("MAX_CONTENT_LENGTH")
        if limit and (request.content_length or 0) > limit:
            return too_large_page() or error_response(413, "payload_too_large",
                                                      _HTTP_MESSAGES[413])
        return None

    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        response, status = error_response(exc.status, exc.code, exc.message, exc.fields)
        retry_at = exc.fields.get("retry_after") if exc.code == "rate_limited" else None
        if isinstance(retry_at, str):
            wait = (parse_iso(retry_at) - clock.now()).total_seconds()
            response.headers["Retry-After"] = str(max(1, int(wait)))
        return response, status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if not _wants_json():
            # Without a declared length the form parser finds the excess: same page.
            return (exc.code == 413 and too_large_page()) or exc
        status = exc.code or 500
        code = _HTTP_CODES.get(status, "error")
        message = _HTTP_MESSAGES.get(status) or exc.description or exc.name
        response, status = error_response(status, code, message)
        allowed = getattr(exc, "valid_methods", None)
        if allowed:  # a 405 must say what is allowed (RFC 9110)
            response.headers["Allow"] = ", ".join(allowed)
        return response, status

    @app.errorhandler(PynamoDBConnectionError)
    @app.errorhandler(BotoCoreError)
    @app.errorhandler(ClientError)
    def store_unavailable(exc):
        """DynamoDB or S3 (photos) failing: 503 for the moment, 500 for good (outages.py)."""
        if not is_transient(exc):
            log.exception("store rejected a request on %s %s", request.method, request.path)
            return error_response(500, "internal_error", "internal error")
        # The store is down or unreachable: say so cleanly; nothing was acknowledged.
        log.warning("store unavailable: %s", exc)
        return error_response(503, "unavailable", "storage temporarily unavailable, retry later")

    @app.errorhandler(Exception)
    def unexpected(exc):
        if isinstance(exc, (BotoConnectionError,)):
            return store_unavailable(exc)
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal_error", "internal error")
