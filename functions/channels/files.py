"""Photo storage behind one interface: S3 in the cloud, a local folder in dev.

Keys are built by our own code only (never from a user's file name); both backends
still refuse any key outside a plain `a/b-c_d.e` shape, so nothing can climb out.
"""
import hmac
from datetime import datetime
from functools import lru_cache
from typing import Protocol

from botocore.exceptions import ClientError

from functions.channels.file_keys import DEFAULT_EXPIRES, _signature, check_key  # noqa: F401
from functions.shared import clock
from functions.shared.config import settings
from functions.shared.settings_fields import Settings
from functions.shared.validation import plain_digits

PENDING_TAG = "pending"  # on uploads not yet attached to anything


class FileStore(Protocol):
    def put(self, key: str, data: bytes, content_type: str, pending: bool = False) -> None: ...
    def keep(self, key: str, too_late: bool) -> bool: ...
    def sweep_pending(self, now: datetime) -> int: ...
    def url(self, key: str, expires: int = DEFAULT_EXPIRES) -> str: ...
    def read(self, key: str) -> tuple[bytes, str] | None: ...
    def exists(self, key: str) -> bool: ...


def signature_valid(key: str, exp: str | None, sig: str | None) -> bool:
    """True for a link we signed for this key that has not expired yet."""
    if not exp or not sig or not plain_digits(exp):
        return False
    expected = _signature(settings().secret_key, key, int(exp))
    return hmac.compare_digest(expected, sig) and int(exp) > clock.now().timestamp()


@lru_cache(maxsize=4)
def _s3_client(region: str, endpoint: str | None):
    """One client per process (per endpoint), made on first use, as Lambda likes it (by
    botocore itself: boto3 would add its S3 transfer machinery to every cold start)."""
    import botocore.session  # only where photos live in S3: the scheduled functions never
    from botocore.config import Config  # load S3's client
    options = {"region_name": region,
               "config": Config(signature_version="s3v4", connect_timeout=2, read_timeout=10,
                                retries={"max_attempts": 2},
                                s3={"addressing_style": "path" if endpoint else "auto"})}
    if endpoint:
        # A local S3 stand-in takes any credentials; the cloud uses the Lambda role.
        options.update(endpoint_url=endpoint, aws_access_key_id="local",
                       aws_secret_access_key="local")
    return botocore.session.get_session().create_client("s3", **options)


class S3Files:
    """A bucket; links are presigned GETs straight to S3."""

    def __init__(self, config: Settings):
        self.bucket = config.upload_bucket
        self.client = _s3_client(config.aws_region, config.s3_endpoint)

    def put(self, key: str, data: bytes, content_type: str, pending: bool = False) -> None:
        # The bucket's lifecycle rule deletes objects still tagged pending after a day.
        self.client.put_object(Bucket=self.bucket, Key=check_key(key), Body=data,
                               ContentType=content_type,
                               **({"Tagging": f"{PENDING_TAG}=1"} if pending else {}))

    def keep(self, key: str, too_late: bool) -> bool:
        """The object is in use: untag it so the lifecycle rule leaves it alone. False when
        it is gone (removed unattached), or, `too_late` (its removal if pending is due or
        nearly: `file_rules.too_late_to_keep`), still tagged: once due, S3 queues it and removes it
        whatever its tags become. Only then are its tags read (a call more: a photo
        attached on the second day after its upload's, or later). Any other failure
        raises: an S3 outage answers 503 (functions/shared/outages.py)."""
        key = check_key(key)
        try:
            if too_late and self._pending(key):
                return False
            self.client.delete_object_tagging(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            _raise_unless_missing(exc)
            return False
        return True

    def _pending(self, key: str) -> bool:
        tag_set = self.client.get_object_tagging(Bucket=self.bucket, Key=key)["TagSet"]
        return {"Key": PENDING_TAG, "Value": "1"} in tag_set

    def sweep_pending(self, now: datetime) -> int:
        return 0  # the bucket's lifecycle rule does it (serverless.yml)

    def url(self, key: str, expires: int = DEFAULT_EXPIRES) -> str:
        return self.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": check_key(key)},
            ExpiresIn=expires)

    def read(self, key: str) -> tuple[bytes, str] | None:
        try:
            obj = self.client.get_object(Bucket=self.bucket, Key=check_key(key))
        except ClientError as exc:
            _raise_unless_missing(exc)
            return None
        return obj["Body"].read(), obj.get("ContentType") or "application/octet-stream"

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=check_key(key))
            return True
        except ClientError as exc:
            _raise_unless_missing(exc)
            return False


def _raise_unless_missing(exc: ClientError) -> None:
    """Re-raise anything but a missing object. The API answers what it re-raises by one
    rule for every store call (functions/shared/outages.py): S3 failing for the moment
    (5xx, SlowDown, a timeout, unreachable) 503 `unavailable`, a refusal for good
    (AccessDenied, NoSuchBucket) a logged 500."""
    if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
        return
    raise exc


def backend_for(config: Settings) -> FileStore:
    if config.upload_bucket:
        return S3Files(config)
    from .local_files import LocalFiles
    return LocalFiles(config)


def active() -> FileStore:
    """The backend of the settings in force (S3 when a bucket is configured)."""
    return backend_for(settings())
