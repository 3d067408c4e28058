"""One rule tells an AWS call's failure for the moment (503) from a refusal for good (500)."""
import pytest
from botocore.exceptions import (
    ClientError, ConnectTimeoutError, EndpointConnectionError, NoCredentialsError,
    ParamValidationError, ReadTimeoutError, ResponseStreamingError,
)
from pynamodb.exceptions import PutError

from functions.shared.outages import is_transient


def answered(code: str, status: int) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": code},
                        "ResponseMetadata": {"HTTPStatusCode": status}}, "PutObject")


@pytest.mark.parametrize("exc", [
    answered("InternalError", 500), answered("SlowDown", 503), answered("503", 503),
    answered("RequestTimeout", 400), answered("ServiceUnavailable", 503),
    answered("ThrottlingException", 400), answered("ProvisionedThroughputExceededException", 400),
    answered("TooManyRequestsException", 429),
    ReadTimeoutError(endpoint_url="s3"), ConnectTimeoutError(endpoint_url="s3"),
    EndpointConnectionError(endpoint_url="s3"), ResponseStreamingError(error="reset"),
    PutError("put failed", cause=answered("ServiceUnavailable", 503)),
    PutError("put failed", cause=EndpointConnectionError(endpoint_url="dynamodb")),
], ids=repr)
def test_a_failure_for_the_moment_is_transient(exc):
    assert is_transient(exc)


@pytest.mark.parametrize("exc", [
    answered("AccessDenied", 403), answered("NoSuchBucket", 404), answered("403", 403),
    answered("ValidationException", 400), NoCredentialsError(),
    ParamValidationError(report="Bucket: required"),
    PutError("put failed", cause=answered("ConditionalCheckFailedException", 400)),
    PutError("put failed", cause=answered("ResourceNotFoundException", 400)),
], ids=repr)
def test_a_refusal_for_good_is_not(exc):
    assert not is_transient(exc)
