"""A region is kept a minute per process: an edit from this process is seen at once,
one from another process (written straight to the store here) once the minute is over."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.org import region_settings, regions
from functions.shared import clock
from functions.storage import keys
from functions.storage.models import RegionItem

pytestmark = pytest.mark.integration
T0 = datetime(2026, 12, 2, 3, 0, tzinfo=timezone.utc)
ADMIN = {"kind": "staff", "username": "admin", "role": "admin", "region_id": "demo"}


def names() -> list[str]:
    return [c["name"] for c in regions.categories_of(regions.cached_region("demo"))]


def edit_elsewhere(name: str) -> None:
    """Another process's edit: the store changes, this process's copy does not know."""
    RegionItem.get(keys.region_pk("demo"), keys.META).update(
        actions=[RegionItem.categories.set([{"id": "c-x", "name": name}])])


def test_an_edit_from_another_process_is_seen_once_the_minute_is_over(seeded):
    clock.set_now(T0)
    before = names()
    edit_elsewhere("桥梁")
    clock.set_now(T0 + timedelta(seconds=regions.CACHE_SECONDS - 1))
    assert names() == before  # still this process's copy
    clock.set_now(T0 + timedelta(seconds=regions.CACHE_SECONDS))
    assert names() == ["桥梁"]


def test_an_edit_through_this_process_is_seen_at_once(seeded):
    clock.set_now(T0)
    names()
    region_settings.save(actor=ADMIN, categories=[{"name": "河道"}], time_limits={})
    assert names() == ["河道"]


def test_a_clock_set_back_does_not_keep_a_copy_forever(seeded):
    clock.set_now(T0)
    names()
    edit_elsewhere("路灯")
    clock.set_now(T0 - timedelta(days=1))
    assert names() == ["路灯"]
