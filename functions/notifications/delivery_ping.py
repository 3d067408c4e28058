"""What make run's API tells its delivery worker about a write: the record as the write
saved it, as the table's stream tells the notify function in the cloud (its NEW_IMAGE),
so the worker delivers without reading the record again (benchmarks.store_calls).

A ping is one UDP datagram: an HMAC-SHA256 tag, then JSON. The worker writes the record
back when it releases entries (a write conditioned on the record's version), so a ping is
signed with a key derived from the app's SECRET_KEY: nothing else on the machine can make
the worker send or store what it says. A ping older than MAX_AGE (by the clock of both
processes) is refused too: replayed past the creating write's lease, an old image would be
delivered as if new, where the drain owns what is left. A record too large for a
datagram, or one JSON cannot carry, goes as its key alone and the worker reads it.
"""
import functools
import hashlib
import hmac
import json
from dataclasses import dataclass

from functions.notifications.outbox_entries import ANY_WRITE, CREATION_LEASE

KINDS = ("case", "suggestion")
MAX_DATAGRAM = 65507  # the largest UDP payload
TAG_BYTES = hashlib.sha256().digest_size
MAX_AGE = CREATION_LEASE.total_seconds()  # what the worker delivers under the write's lease


@dataclass(frozen=True)
class Ping:
    kind: str
    record_id: str
    record: dict | None = None  # as its write saved it; None: the worker reads it

    @property
    def writes(self):
        """The versions whose new entries the delivery takes (functions/notifications/
        outbox_entries.py): the image's own, or every one when it reads the record fresh."""
        return ANY_WRITE if self.record is None else {str(self.record.get("version"))}


@dataclass(frozen=True)
class Delivery:
    """The pings of one record not delivered yet, as one delivery: from the newest image,
    taking the entries of every write they told of (or reading the record fresh)."""
    ping: Ping
    writes: object

    @classmethod
    def of(cls, ping: Ping) -> "Delivery":
        return cls(ping, ping.writes)

    def joined(self, later: Ping) -> "Delivery":
        if self.ping.record is None or later.record is None:
            return Delivery(Ping(later.kind, later.record_id), ANY_WRITE)
        newest = max((self.ping, later), key=lambda p: int(p.record.get("version") or 0))
        return Delivery(newest, set(self.writes) | later.writes)


@functools.lru_cache(maxsize=4)
def _key(secret: str) -> bytes:
    """The signing key derived from the app's secret (once per secret, not per ping)."""
    return hmac.new(secret.encode(), b"mashangban delivery ping", hashlib.sha256).digest()


def _tag(secret: str, body: bytes) -> bytes:
    return hmac.new(_key(secret), body, hashlib.sha256).digest()


def encode(kind: str, record: dict, secret: str, sent: float) -> bytes:
    """The signed datagram of `record` just written at `sent` (epoch seconds), or of its
    key alone if it does not fit."""
    try:
        body = json.dumps({"kind": kind, "sent": sent, "record": record}, ensure_ascii=False,
                          separators=(",", ":")).encode()
    except (TypeError, ValueError):  # a value JSON cannot carry: the worker reads it
        body = b""
    if not body or TAG_BYTES + len(body) > MAX_DATAGRAM:
        body = json.dumps({"kind": kind, "sent": sent, "id": record["id"]}).encode()
    return _tag(secret, body) + body


def parse(datagram: bytes, secret: str, now: float) -> Ping | None:
    """The ping, or None for a datagram not signed with `secret`, not well formed, or not
    sent within MAX_AGE of `now` (epoch seconds)."""
    tag, body = datagram[:TAG_BYTES], datagram[TAG_BYTES:]
    if len(tag) < TAG_BYTES or not hmac.compare_digest(tag, _tag(secret, body)):
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("sent"), (int, float)) \
            or abs(now - data["sent"]) > MAX_AGE:
        return None
    record = data.get("record")
    if record is not None and not isinstance(record, dict):
        return None
    record_id = record.get("id") if record is not None else data.get("id")
    if data.get("kind") not in KINDS or not isinstance(record_id, str) \
            or not 0 < len(record_id) <= 100:
        return None
    return Ping(data["kind"], record_id, record)
