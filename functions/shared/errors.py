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


KEY_IN_USE = "in use by a request still being handled"


def key_in_use() -> Conflict:
    """The 409 for a request whose Idempotency-Key a parallel request still holds (its
    outcome not known yet): sent again a moment later, it gets that outcome."""
    return Conflict("a request with this Idempotency-Key is still being handled; retry it",
                    {"Idempotency-Key": KEY_IN_USE})


def is_key_in_use(exc: DomainError) -> bool:
    return isinstance(exc, Conflict) and exc.fields.get("Idempotency-Key") == KEY_IN_USE


class PayloadTooLarge(DomainError):
    code, status = "payload_too_large", 413


class RateLimited(DomainError):
    code, status = "rate_limited", 429


class Unavailable(DomainError):
    code, status = "unavailable", 503
