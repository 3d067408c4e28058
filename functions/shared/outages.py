"""Which failures of an AWS call (DynamoDB, S3) are an outage for the moment, answered
503 `unavailable` (a retry will do), and which are a refusal for good (a role without a
permission, a bucket or table that is not there: misconfiguration), a logged 500.

One rule for every call a request makes: the API's error handler asks it
(miniprogram_api/errors.py), so no call site translates errors itself.
"""
from botocore.exceptions import (
    BotoCoreError, ClientError, ConnectionError as EndpointUnreachable, HTTPClientError,
    IncompleteReadError,
)

# Error codes that mean "not now" whatever the HTTP status they came with.
TRANSIENT_CODES = frozenset({
    # DynamoDB
    "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
    "InternalServerError", "ServiceUnavailable",
    # S3 (a HEAD's error has no body: its code is the status, "503")
    "SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailableException",
    "Throttling", "RequestThrottled", "TooManyRequestsException",
})


def is_transient(exc: BaseException) -> bool:
    """True for a failure a retry may get past: a 5xx or throttling answer, a connection
    or read timeout, an endpoint that cannot be reached, an answer cut off."""
    cause = getattr(exc, "cause", None)  # PynamoDB wraps botocore's error
    if cause is not None and cause is not exc and not isinstance(exc, ClientError):
        return is_transient(cause)
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
        return error.get("Code") in TRANSIENT_CODES or status >= 500 or status == 429
    if isinstance(exc, BotoCoreError):
        # Not a missing credential or a malformed call (ParamValidationError): our own fault.
        return isinstance(exc, (EndpointUnreachable, HTTPClientError, IncompleteReadError))
    return True  # a PynamoDB connection error without its cause: the store is away
