"""DynamoDB failing as it does on the wire: botocore's own `before-send` hook answers an
operation in place of dynalite, so the client parses a real 503 answer, retries as
configured and raises what it would raise in the cloud."""
import contextlib
import json

from botocore.awsrequest import AWSResponse

from functions.storage.models import BaseItem


class _Raw:
    def __init__(self, body: bytes):
        self.body = body

    def stream(self, **_kwargs):
        yield self.body


@contextlib.contextmanager
def store_unavailable(operation: str = "PutItem"):
    """DynamoDB answers every `operation` (PutItem: a new case's or record's write) 503
    ServiceUnavailable; the other operations (the photo claims' UpdateItem) still work."""
    events = BaseItem._get_connection().connection.client.meta.events
    event, unique_id = f"before-send.dynamodb.{operation}", f"{operation}-503"
    body = json.dumps({"__type": "com.amazonaws.dynamodb.v20120810#ServiceUnavailable",
                       "message": "service unavailable"}).encode()

    def unavailable(request, **_kwargs):
        return AWSResponse(request.url, 503, {"Content-Type": "application/x-amz-json-1.0"},
                           _Raw(body))
    events.register_first(event, unavailable, unique_id=unique_id)
    try:
        yield
    finally:
        events.unregister(event, unique_id=unique_id)
