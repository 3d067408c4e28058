"""Where a region's recount stands between runs: its position in the region's case
index, the sums so far and the counter markers noted at its start. One item per region,
version-guarded, so two overlapping runs never both carry on the same recount."""
import json
from dataclasses import dataclass

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.exceptions import DeleteError, DoesNotExist, PutError

from functions.storage.conditions import is_condition_failure
from functions.storage.keys import META
from functions.storage.models import BaseItem
from functions.storage.plain_attributes import PlainMapAttribute


class RecountItem(BaseItem, discriminator="recount"):
    region_id = UnicodeAttribute()
    started_at = UnicodeAttribute()
    cursor = UnicodeAttribute(null=True)  # the query's last evaluated key, as JSON
    cases = NumberAttribute(default=0)
    totals = PlainMapAttribute(null=True)  # scope → {counter: sum so far}
    moves = PlainMapAttribute(null=True)  # scope → counter marker when the recount began
    version = VersionAttribute()


@dataclass
class RecountState:
    region_id: str
    started_at: str
    cases: int
    totals: dict
    moves: dict
    cursor: dict | None = None  # None: from the start
    finished: bool = False
    version: int | None = None


def recount_pk(region_id: str) -> str:
    return f"RECOUNT#REGION#{region_id}"


def load_state(region_id: str) -> RecountState | None:
    try:
        item = RecountItem.get(recount_pk(region_id), META, consistent_read=True)
    except DoesNotExist:
        return None
    return RecountState(region_id=region_id, started_at=item.started_at, cases=item.cases,
                        totals=item.totals or {}, moves=item.moves or {},
                        cursor=json.loads(item.cursor) if item.cursor else None,
                        finished=False, version=item.version)


def save_state(state: RecountState, *, finished: bool = False) -> bool:
    """Keep the state (or drop it once the recount is finished); False if another run
    changed it since this one read it."""
    item = RecountItem(pk=recount_pk(state.region_id), sk=META, region_id=state.region_id,
                       started_at=state.started_at, cases=state.cases, totals=state.totals,
                       moves=state.moves, cursor=json.dumps(state.cursor)
                       if state.cursor else None)
    if state.version is not None:
        item.version = state.version
    try:
        if finished:
            if state.version is not None:
                item.delete()
            return True
        item.save()
    except (PutError, DeleteError) as exc:
        if is_condition_failure(exc):
            return False
        raise
    state.version = item.version
    return True
