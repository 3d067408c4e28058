"""Storage keys and link signatures shared by the file stores (S3 in files.py, a local
folder in local_files.py), apart so neither store module imports the other back."""
import hashlib
import hmac
import re

DEFAULT_EXPIRES = 3600
_KEY = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")


def check_key(key: str) -> str:
    if not _KEY.match(key or "") or ".." in key.split("/"):
        raise ValueError(f"bad storage key: {key!r}")
    return key


def _signature(secret: str, key: str, exp: int) -> str:
    message = f"files\n{key}\n{exp}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
