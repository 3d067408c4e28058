"""Precomputed dashboard figures per region (counted figures, deputy ranking, frequent words).

Written by `functions.reporting.dashboard_rollups.refresh_region` (nightly, from the reconcile)
and, for the figures and the ranking, by `functions.reporting.ranking_refresh` about two
minutes after moves; read by the dashboard in one GetItem, so the page costs the same
whatever the number of cases and deputies. The model lives
here, not in storage/models.py, because only the admin dashboard reads it.
"""
from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import DoesNotExist

from functions.storage.keys import META
from functions.storage.models import BaseItem
from functions.storage.plain_attributes import PlainMapAttribute


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
    RollupItem(pk=rollup_pk(region_id), sk=META, data=data, refreshed_at=refreshed_at,
               ranking_at=ranking_at or refreshed_at).save()
