"""Telling a failed condition (lost race, duplicate) from other store errors."""
from botocore.exceptions import ClientError


def is_condition_failure(exc: Exception) -> bool:
    cause = getattr(exc, "cause", None)
    return isinstance(cause, ClientError) and \
        cause.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException"
