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
"""
from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import DoesNotExist

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
    into_data = ({**{("data", k): v for k, v in owned.items()}, ("ranking_at",): at},
                 "attribute_exists(#data) AND (attribute_not_exists(#data.#figures_at) "
                 "OR #data.#figures_at <= :at)")
    as_data = ({("data",): owned, ("type",): "rollup", ("ranking_at",): at},
               "attribute_not_exists(#data)")
    # No data yet (before the first nightly): made whole; made meanwhile: set into it.
    return any(_update(region_id, *attempt, at) for attempt in (into_data, as_data, into_data))


def write_nightly(region_id: str, data: dict, at: str) -> bool:
    """The nightly rollup, refreshed at `at`: all of `data`, or only its words (what
    `FIGURES` leaves) where figures summed after `at` are stored; → whether all was."""
    whole = {("data",): data, ("type",): "rollup", ("ranking_at",): at, ("refreshed_at",): at}
    if _update(region_id, whole, "attribute_not_exists(#data.#figures_at) "
                                 "OR #data.#figures_at <= :at", at):
        return True
    rest = {("data", k): v for k, v in data.items() if k not in FIGURES}
    _update(region_id, {**rest, ("refreshed_at",): at}, None, at)
    return False


def _update(region_id: str, sets: dict[tuple, object], condition: str | None,
            at: str) -> bool:
    """One UpdateItem of the rollup setting each path of `sets` (a tuple of names) to its
    value, if `condition` (names as `#name`, `at` as `:at`) holds; False if it did not."""
    names, values, clauses = {}, {}, []
    for i, (path, value) in enumerate(sets.items()):
        names.update({f"#{n}": n for n in path})
        values[f":v{i}"] = _typed(value)
        clauses.append(".".join(f"#{n}" for n in path) + f" = :v{i}")
    request = {"TableName": BaseItem.Meta.table_name, "UpdateExpression": "SET "
               + ", ".join(clauses), "ExpressionAttributeNames": names,
               "Key": {"pk": {"S": rollup_pk(region_id)}, "sk": {"S": META}},
               "ExpressionAttributeValues": values}
    if condition:
        names.update({n: n[1:] for n in ("#data", "#figures_at") if n in condition})
        values.update({":at": {"S": at}} if ":at" in condition else {})
        request.update(ConditionExpression=condition)
    client = RollupItem._get_connection().connection.client
    try:
        client.update_item(**request)
    except client.exceptions.ConditionalCheckFailedException:
        return False
    return True
