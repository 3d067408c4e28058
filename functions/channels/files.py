"""Photo storage behind one interface: S3 in the cloud, a local folder in dev.

Keys are built by our own code only (never from a user's file name); both backends
still refuse any key outside a plain `a/b-c_d.e` shape, so nothing can climb out.
"""
import hashlib
import hmac
import os
import re
import tempfile
from functools import lru_cache
from typing import Protocol
from urllib.parse import quote, urlencode

import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

from functions.shared import clock
from functions.shared.config import Settings, settings

DEFAULT_EXPIRES = 3600
_KEY = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")


class FileStore(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...
    def url(self, key: str, expires: int = DEFAULT_EXPIRES) -> str: ...
    def read(self, key: str) -> tuple[bytes, str] | None: ...
    def exists(self, key: str) -> bool: ...


def check_key(key: str) -> str:
    if not _KEY.match(key or "") or ".." in key.split("/"):
        raise ValueError(f"bad storage key: {key!r}")
    return key


def _signature(secret: str, key: str, exp: int) -> str:
    message = f"files\n{key}\n{exp}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_valid(key: str, exp: str | None, sig: str | None) -> bool:
    """True for a link we signed for this key that has not expired yet."""
    if not exp or not sig or not exp.isdigit():
        return False
    expected = _signature(settings().secret_key, key, int(exp))
    return hmac.compare_digest(expected, sig) and int(exp) > clock.now().timestamp()


class LocalFiles:
    """A folder on disk; links are HMAC-signed and served by the app under /files."""

    def __init__(self, config: Settings):
        self.config = config
        self.root = os.path.abspath(config.upload_dir)

    def _path(self, tree: str, key: str) -> str:
        base = os.path.join(self.root, tree)
        path = os.path.abspath(os.path.join(base, check_key(key)))
        if not path.startswith(base + os.sep):
            raise ValueError(f"bad storage key: {key!r}")
        return path

    def put(self, key: str, data: bytes, content_type: str) -> None:
        # The type first, the object last: `exists` is true only once both are complete.
        _write_atomically(self._path("types", key), content_type.encode())
        _write_atomically(self._path("objects", key), data)

    def url(self, key: str, expires: int = DEFAULT_EXPIRES) -> str:
        exp = int(clock.now().timestamp()) + expires
        query = urlencode({"exp": exp, "sig": _signature(self.config.secret_key, key, exp)})
        return f"{self.config.public_base_url}/files/{quote(check_key(key))}?{query}"

    def read(self, key: str) -> tuple[bytes, str] | None:
        try:
            with open(self._path("objects", key), "rb") as f:
                data = f.read()
            with open(self._path("types", key), "rb") as f:
                return data, f.read().decode()
        except FileNotFoundError:
            return None

    def exists(self, key: str) -> bool:
        return os.path.isfile(self._path("objects", key))


def _write_atomically(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


@lru_cache(maxsize=4)
def _s3_client(region: str, endpoint: str | None):
    """One client per process (per endpoint), made on first use, as Lambda likes it (by
    botocore itself: boto3 would add its S3 transfer machinery to every cold start)."""
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

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(Bucket=self.bucket, Key=check_key(key), Body=data,
                               ContentType=content_type)

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
    if exc.response.get("Error", {}).get("Code") not in ("NoSuchKey", "404"):
        raise exc


def backend_for(config: Settings) -> FileStore:
    return S3Files(config) if config.upload_bucket else LocalFiles(config)


def active() -> FileStore:
    """The backend of the settings in force (S3 when a bucket is configured)."""
    return backend_for(settings())
