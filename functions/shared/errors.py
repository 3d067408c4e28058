"""Domain errors carry a code from the error contract; the API layer maps code → HTTP."""


class DomainError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: str, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class ValidationFailed(DomainError):
    code, status = "validation_error", 400


class Unauthorized(DomainError):
    code, status = "unauthorized", 401


class Forbidden(DomainError):
    code, status = "forbidden", 403


class NotFound(DomainError):
    code, status = "not_found", 404


class InvalidTransition(DomainError):
    code, status = "invalid_transition", 409


class Conflict(DomainError):
    code, status = "conflict", 409


def key_reused(what: str) -> Conflict:
    """The 409 for an Idempotency-Key sent again with another request than the `what` it made."""
    return Conflict(f"this Idempotency-Key was already used for a different {what}",
                    {"Idempotency-Key": "reused with a different request"})


class PayloadTooLarge(DomainError):
    code, status = "payload_too_large", 413


class RateLimited(DomainError):
    code, status = "rate_limited", 429


class Unavailable(DomainError):
    code, status = "unavailable", 503
