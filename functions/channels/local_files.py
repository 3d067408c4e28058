"""Photos in a local folder (dev and tests); links are HMAC-signed and served under /files.

An upload not yet attached to a case carries a marker with its upload time; `keep` drops
the marker, and `sweep_pending` (run with the reminder sweep) removes what stayed
unattached, as the S3 bucket's lifecycle rule does in the cloud.
"""
import os
import tempfile
from urllib.parse import quote, urlencode

from functions.shared import clock
from functions.shared.clock import iso, parse_iso
from functions.shared.settings_fields import Settings
from functions.channels.file_keys import DEFAULT_EXPIRES, _signature, check_key


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

    def put(self, key: str, data: bytes, content_type: str, pending: bool = False) -> None:
        # The type first, the object last: `exists` is true only once both are complete.
        if pending:
            _write_atomically(self._path("pending", key), iso(clock.now()).encode())
        _write_atomically(self._path("types", key), content_type.encode())
        _write_atomically(self._path("objects", key), data)

    def keep(self, key: str) -> bool:
        """The object is in use: drop its marker; False when it is gone (swept unattached)."""
        try:
            os.unlink(self._path("pending", key))
        except FileNotFoundError:
            pass  # kept already, or never pending
        return self.exists(key)

    def sweep_pending(self, uploaded_before) -> int:
        """Remove uploads still unattached that were made before `uploaded_before`."""
        removed, base = 0, os.path.join(self.root, "pending")
        for folder, _dirs, names in os.walk(base):
            for name in names:
                if name.startswith(".tmp-"):
                    continue  # a marker being written
                marker = os.path.join(folder, name)
                key = os.path.relpath(marker, base).replace(os.sep, "/")
                with open(marker, encoding="utf-8") as f:
                    if parse_iso(f.read()) >= uploaded_before:
                        continue
                for tree in ("objects", "types", "pending"):
                    if os.path.exists(self._path(tree, key)):
                        os.unlink(self._path(tree, key))
                removed += 1
        return removed

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
