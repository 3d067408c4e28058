"""A unit's and a deputy's suggestion lists: `?status=` is a key range of an index, so every
page is full, and a page's suggestions are read in one batch, not one GetItem each."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.shared import clock
from functions.storage import suggestion_keys
from functions.storage.models import BaseItem
from functions.suggestions import recount
from tests.store_call_counter import StoreCallCounter
from tests.suggestion_fixtures import scast  # noqa: F401

pytestmark = pytest.mark.integration
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)
STAFF = "/api/v1/staff/suggestions"


def made(scast, statuses) -> dict[str, list[str]]:
    """Suggestions at `statuses`, a minute apart, oldest first: status → ids."""
    made = {}
    for n, status in enumerate(statuses):
        clock.set_now(T0 + timedelta(minutes=n))
        made.setdefault(status, []).append(scast.suggestion_at(status, lead=n % 3))
    return made


def pages(caller, path: str) -> list[list[dict]]:
    """Every non-empty page of the list, following its cursors."""
    found, cursor = [], None
    while True:
        page = caller.ok("GET", f"{path}&cursor={cursor}" if cursor else path)
        if page["items"]:
            found.append(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            return found


def test_a_units_status_list_comes_in_full_pages_newest_first(scast):
    ids = made(scast, ["assigned"] * 5 + ["in_progress"] * 3)
    listed = pages(scast.unit, f"{STAFF}?status=assigned&limit=2")
    assert [len(p) for p in listed] == [2, 2, 1]
    assert [s["id"] for p in listed for s in p] == ids["assigned"][::-1]
    assert {s["status"] for p in listed for s in p} == {"assigned"}
    every = pages(scast.unit, f"{STAFF}?limit=3")
    assert [s["id"] for p in every for s in p] == (ids["assigned"] + ids["in_progress"])[::-1]


def test_a_page_reads_its_suggestions_in_one_batch(scast):
    made(scast, ["assigned"] * 6)
    scast.unit.ok("GET", f"{STAFF}?limit=1")  # logged in before counting
    with StoreCallCounter() as counter:
        counter.take()
        for limit in (1, 6):
            scast.unit.ok("GET", f"{STAFF}?status=assigned&limit={limit}")
            ops = [f"{c.operation} {c.key}" for c in counter.take()]
            assert "GetItem SUGGESTION" not in ops
            assert ops.count("BatchGetItem SUGGESTION") == 1


def test_a_deputys_status_list_follows_each_move(scast):
    ids = made(scast, ["submitted", "draft", "submitted"])
    lead = scast.deputy(0)
    listed = lead.ok("GET", "/api/v1/deputy/suggestions?status=submitted")
    assert [s["id"] for s in listed["items"]] == [ids["submitted"][0]]  # lead 0's only
    scast.act(ids["submitted"][0], "return")
    assert lead.ok("GET", "/api/v1/deputy/suggestions?status=submitted")["items"] == []
    assert [s["id"] for s in lead.ok("GET", "/api/v1/deputy/suggestions?status=draft")[
        "items"]] == [ids["submitted"][0]]


def test_the_recount_gives_list_entries_of_older_code_their_status_key(scast):
    sid = made(scast, ["assigned"])["assigned"][0]
    BaseItem._get_connection().connection.client.update_item(
        TableName=BaseItem.Meta.table_name,
        Key={"pk": {"S": suggestion_keys.suggestion_pk(sid)}, "sk": {"S": "UNIT#u-housing"}},
        UpdateExpression="REMOVE gsi2pk, gsi2sk, #s, suggestion_version",
        ExpressionAttributeNames={"#s": "status"})
    assert scast.unit.ok("GET", f"{STAFF}?status=assigned")["items"] == []
    recount.recount_region("demo", now=T0)
    assert [s["id"] for s in scast.unit.ok("GET", f"{STAFF}?status=assigned")["items"]] == [sid]


def test_after_its_first_recount_a_region_rewrites_only_open_or_recent_ones(scast):
    ids = made(scast, ["closed", "assigned"])
    first = recount.recount_region("demo", now=T0)
    assert (first["suggestions"], first["parties_synced"]) == (2, 2)
    week_later = recount.recount_region("demo", now=T0 + timedelta(days=8))
    assert week_later["parties_synced"] == 1  # the assigned one; the closed one is settled
    closed = scast.unit.ok("GET", f"{STAFF}?status=closed")["items"]
    assert [s["id"] for s in closed] == ids["closed"]
