"""Precomputed dashboard figures per region (counted figures, deputy ranking, frequent words).

Written by `functions.reporting.dashboard_rollups.refresh_region` (nightly, from the reconcile)
and, for the figures and the ranking, by `functions.reporting.ranking_refresh` about two
minutes after moves; read by the dashboard in one GetItem, so the page costs the same
whatever the number of cases and deputies. The model lives
here, not in storage/models.py, because only the admin dashboard reads it.

The two writers share the item without undoing each other, in one conditional write each
(no transactions): the refresh after moves sets only what it owns (`write_figures`), so
words the nightly wrote meanwhile stay; figures (with their ranking) are written only over
figures summed no later (`figures_at`, the moment the writer began), so neither puts
back an older sum. A sum stamped no later but read later (a drain that began before the
nightly's moment and summed after it) can still lose: the nightly marks its region for
the drain to sum again a minute later (functions.reporting.dashboard_rollups).
Each write is PynamoDB's UpdateItem with update actions and a condition on the stored
`data.figures_at`.
"""
from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import DoesNotExist, UpdateError

from functions.storage.conditions import is_condition_failure
from functions.storage.keys import META
from functions.storage.models import BaseItem
from functions.storage.plain_attributes import PlainMapAttribute, _typed

FIGURES = ("ranking", "figures", "figures_at")  # in `data`: the refresh after moves' own


class RollupItem(BaseItem, discriminator="rollup"):
    data = PlainMapAttribute(null=True)
    refreshed_at = UnicodeAttribute(null=True)  # the whole rollup (words, ranking)
    ranking_at = UnicodeAttribute(null=True)  # the ranking alone, after moves (ranking_refresh)


def rollup_pk(region_id: str) -> str:
    return f"ROLLUP#REGION#{region_id}"


def read(region_id: str) -> dict | None:
    """`{"data", "refreshed_at", "ranking_at"}` of the region's rollup, or None before the
    first run; `ranking_at` is the newer of the two times the ranking was computed."""
    try:
        item = RollupItem.get(rollup_pk(region_id), META)
    except DoesNotExist:
        return None
    return {"data": item.data or {}, "refreshed_at": item.refreshed_at,
            "ranking_at": max(filter(None, (item.ranking_at, item.refreshed_at)), default=None)}


def write(region_id: str, data: dict, refreshed_at: str | None,
          ranking_at: str | None = None) -> None:
    """The whole item, unconditionally (what older code left: tests set it up with this)."""
    RollupItem(pk=rollup_pk(region_id), sk=META, data=data, refreshed_at=refreshed_at,
               ranking_at=ranking_at or refreshed_at).save()


def write_figures(region_id: str, *, ranking: dict, figures: dict, at: str) -> bool:
    """The refresh after moves: ranking, figures and their moment `at`, nothing else, unless
    figures summed after `at` are stored; → whether they were written."""
    owned = {"ranking": ranking, "figures": figures, "figures_at": at}
    into_data = ([*(_set_in_data(k, v) for k, v in owned.items()),
                  RollupItem.ranking_at.set(at)],
                 RollupItem.data.exists() & _no_later_figures(at))
    as_data = ([RollupItem.data.set(owned), RollupItem.item_type.set(RollupItem),
                RollupItem.ranking_at.set(at)], RollupItem.data.does_not_exist())
    # No data yet (before the first nightly): made whole; made meanwhile: set into it.
    return any(_update(region_id, *attempt) for attempt in (into_data, as_data, into_data))


def write_nightly(region_id: str, data: dict, at: str) -> bool:
    """The nightly rollup, refreshed at `at`: all of `data`, or only its words (what
    `FIGURES` leaves) where figures summed after `at` are stored; → whether all was."""
    whole = [RollupItem.data.set(data), RollupItem.item_type.set(RollupItem),
             RollupItem.ranking_at.set(at), RollupItem.refreshed_at.set(at)]
    if _update(region_id, whole, _no_later_figures(at)):
        return True
    rest = [_set_in_data(k, v) for k, v in data.items() if k not in FIGURES]
    _update(region_id, [*rest, RollupItem.refreshed_at.set(at)], None)
    return False


def _set_in_data(name: str, value):
    """Set `data.<name>` alone; the value goes typed, as a nested path has no attribute of
    its own to serialize it."""
    return RollupItem.data[name].set(_typed(value))


def _no_later_figures(at: str):
    """No figures stored, or ones summed no later than `at` (ISO times compare as text)."""
    stored = RollupItem.data["figures_at"]
    return stored.does_not_exist() | (stored <= at)


def _update(region_id: str, actions: list, condition) -> bool:
    """One UpdateItem of the rollup with these actions, if `condition` holds (None: always);
    False if it did not. (Model.update asks for the item back, ALL_NEW: a few kB here, the
    top-10 rankings and the top words, and no capacity beyond the write's own.)"""
    try:
        RollupItem(pk=rollup_pk(region_id), sk=META).update(actions=actions, condition=condition)
    except UpdateError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True
