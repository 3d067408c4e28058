"""S3 failing as it does on the wire, for the API's photo client: botocore's own
`before-send` hook answers an operation in place of the moto server, so the client parses
a real error answer (a HEAD's without a body), retries as configured and raises what it
would raise in the cloud; a timeout or an unreachable endpoint is raised where the HTTP
send would raise it."""
import contextlib

from botocore.awsrequest import AWSResponse
from botocore.exceptions import EndpointConnectionError, ReadTimeoutError

from functions.channels import files

# (error code, HTTP status) S3 answers with
ANSWERS = {
    "internal-error": ("InternalError", 500),
    "slow-down": ("SlowDown", 503),
    "access-denied": ("AccessDenied", 403),
    "no-such-bucket": ("NoSuchBucket", 404),
}
TEMPORARY = ["internal-error", "slow-down", "read-timeout", "unreachable"]
FOR_GOOD = ["access-denied", "no-such-bucket"]


class _Raw:
    def __init__(self, body: bytes):
        self.body = body

    def stream(self, **_kwargs):
        yield self.body


def _answer(failure: str):
    def send(request, **_kwargs):
        if failure == "read-timeout":
            raise ReadTimeoutError(endpoint_url=request.url)
        if failure == "unreachable":
            raise EndpointConnectionError(endpoint_url=request.url)
        code, status = ANSWERS[failure]
        body = b"" if request.method == "HEAD" else (
            f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code>'
            f"<Message>{code}</Message><RequestId>r1</RequestId></Error>").encode()
        return AWSResponse(request.url, status, {"Content-Type": "application/xml"},
                           _Raw(body))
    return send


@contextlib.contextmanager
def s3_failing(operation: str, failure: str):
    """Every `operation` call (PutObject, GetObject, HeadObject, ...) of the API's S3
    client fails as `failure` while the block runs."""
    events = files.active().client.meta.events
    handler, name = _answer(failure), f"before-send.s3.{operation}"
    events.register_first(name, handler, unique_id=f"fail-{operation}")
    try:
        yield
    finally:
        events.unregister(name, unique_id=f"fail-{operation}")
