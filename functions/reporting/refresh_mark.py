"""The mark a case move leaves on the counter item it writes, in that same write: the
region's dashboard figures and ranking are due a refresh (functions.reporting.ranking_refresh).

Apart from the refresh so that the counters, which write the mark, need nothing of what
the refresh reads.
"""
import zlib
from datetime import datetime, timedelta

from functions.shared.clock import iso, now as clock_now
from functions.storage import keys

REFRESH_AFTER = timedelta(minutes=1)  # the drain's period: figures at most ~2 minutes old
PREFIX = "COUNTERS#REGION#"
DEPUTY_PREFIX = "COUNTERS#DEPUTY#"
MARKED = (PREFIX, DEPUTY_PREFIX)  # the counter items a move marks


def mark(region_id: str, now: datetime | None) -> tuple[str, str, str]:
    """(changed_at, outbox shard, due at) for the counter write of a move."""
    now = now or clock_now()
    shard = zlib.crc32(region_id.encode()) % keys.SWEEP_SHARDS
    return iso(now), keys.outbox_key(shard), f"{iso(now + REFRESH_AFTER)}#{region_id}"
