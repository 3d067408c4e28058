"""Photos in a local folder (dev and tests); links are HMAC-signed and served under /files.

An upload not yet attached to a case carries a marker with its upload time; `keep` drops
the marker, and `sweep_pending` (run with the reminder sweep) removes what stayed
unattached when the S3 bucket's lifecycle rule does in the cloud (`file_rules.pending_removal`).
The sweep first moves a marker into `sweeping/`, then removes the file: whichever of the
sweep's move and a keep's removal of the marker comes first wins, so a file is either kept
(and the sweep leaves it) or reported gone (and never shown).
"""
import os
import tempfile
from datetime import datetime
from urllib.parse import quote, urlencode

from functions.shared import clock
from functions.shared.clock import iso, parse_iso
from functions.shared.settings_fields import Settings
from functions.channels.file_keys import DEFAULT_EXPIRES, _signature, check_key
from functions.channels.file_rules import pending_removal


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

    def keep(self, key: str, too_late: bool) -> bool:
        """The object is in use: drop its marker. False when it is gone (swept unattached),
        being swept, or still pending when `too_late` (its removal due or nearly), as in S3."""
        marker = self._path("pending", key)
        if too_late and os.path.exists(marker):
            return False
        try:
            os.unlink(marker)
        except FileNotFoundError:
            pass  # kept already, never pending, or taken by the sweep (checked next)
        return not os.path.exists(self._path("sweeping", key)) and self.exists(key)

    def sweep_pending(self, now: datetime) -> int:
        """Remove uploads still unattached whose removal (`pending_removal`) is due at `now`;
        finish any a sweep that died left half removed."""
        for key in self._keys("sweeping"):
            self._remove(key)
        removed = 0
        for key in self._keys("pending"):
            marker = self._path("pending", key)
            try:
                with open(marker, encoding="utf-8") as f:
                    made = parse_iso(f.read())
            except FileNotFoundError:
                continue  # kept meanwhile
            if now < pending_removal(made):
                continue
            os.makedirs(os.path.dirname(self._path("sweeping", key)), exist_ok=True)
            try:
                os.rename(marker, self._path("sweeping", key))
            except FileNotFoundError:
                continue  # kept meanwhile: it stays
            self._remove(key)
            removed += 1
        return removed

    def _keys(self, tree: str) -> list[str]:
        base = os.path.join(self.root, tree)
        return [os.path.relpath(os.path.join(folder, name), base).replace(os.sep, "/")
                for folder, _dirs, names in os.walk(base)
                for name in names if not name.startswith(".tmp-")]  # (one being written)

    def _remove(self, key: str) -> None:
        """The file, then its claim by the sweep (a keep meanwhile sees one or the other)."""
        for tree in ("objects", "types", "sweeping"):
            try:
                os.unlink(self._path(tree, key))
            except FileNotFoundError:
                continue

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
