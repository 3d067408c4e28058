"""Precomputed dashboard figures per region (deputy ranking, frequent words).

Written by `functions.reporting.dashboard_rollups.refresh_region` (nightly, from the reconcile)
and read by the dashboard in one GetItem, so the page costs the same whatever the
number of cases. The model lives
here, not in storage/models.py, because only the admin dashboard reads it.
"""
from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import DoesNotExist

from functions.storage.keys import META
from functions.storage.models import BaseItem
from functions.storage.plain_attributes import PlainMapAttribute


class RollupItem(BaseItem, discriminator="rollup"):
    data = PlainMapAttribute(null=True)
    refreshed_at = UnicodeAttribute(null=True)


def rollup_pk(region_id: str) -> str:
    return f"ROLLUP#REGION#{region_id}"


def read(region_id: str) -> dict | None:
    """`{"data", "refreshed_at"}` of the region's rollup, or None before the first run."""
    try:
        item = RollupItem.get(rollup_pk(region_id), META)
    except DoesNotExist:
        return None
    return {"data": item.data or {}, "refreshed_at": item.refreshed_at}


def write(region_id: str, data: dict, refreshed_at: str) -> None:
    RollupItem(pk=rollup_pk(region_id), sk=META, data=data, refreshed_at=refreshed_at).save()
