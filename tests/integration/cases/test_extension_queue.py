"""A unit's extension request waiting for the office's decision shows in the office's queue
(reason extension_requested) until decided or lapsed; the case stays in the unit's queue."""
from datetime import datetime, timezone

import pytest

from functions.reporting import recount as reconcile
from functions.shared import clock
from functions.storage import keys
from functions.storage.models import ExtensionLinkItem
from tests.case_fixtures import cast  # noqa: F401
from tests.integration.admin_helpers import admin_login

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # Monday 10:00 in Beijing


def queue(caller, query="") -> dict:
    return {row["id"]: row["reason"]
            for row in caller.ok("GET", f"/api/v1/staff/queue{query}")["items"]}


def ask(cast, case_id, key="ext-1"):
    cast.unit.ok("POST", f"/api/v1/cases/{case_id}/extension", headers={"Idempotency-Key": key},
                 json={"working_days": 5, "reason": "需协调供电公司"})


def decide(cast, case_id, grant, key="dec-1"):
    cast.office.ok("POST", f"/api/v1/cases/{case_id}/extension/decision",
                   headers={"Idempotency-Key": key}, json={"grant": grant})


@pytest.fixture
def assigned(cast):
    clock.set_now(T0)
    waiting = cast.case_at("forwarded")  # the office's own work, for company
    return cast.case_at("assigned"), waiting


def test_a_request_waits_in_the_office_queue_until_it_is_granted(cast, assigned):
    case_id, waiting = assigned
    assert queue(cast.office) == {waiting: "new_forward"}
    ask(cast, case_id)
    assert queue(cast.office) == {waiting: "new_forward", case_id: "extension_requested"}
    assert queue(cast.unit) == {case_id: "new_assignment"}  # the unit goes on handling it
    cast.step(case_id, "sign")  # signing while it waits moves the link with the status
    assert queue(cast.office, "?status=in_progress") == {case_id: "extension_requested"}
    assert queue(cast.office, "?status=assigned") == {}
    decide(cast, case_id, grant=True)
    assert queue(cast.office) == {waiting: "new_forward"}
    assert queue(cast.unit) == {case_id: "new_assignment"}


def test_a_refused_or_lapsed_request_leaves_the_office_queue(cast, assigned):
    refused, _ = assigned
    ask(cast, refused)
    decide(cast, refused, grant=False)
    lapsed = cast.case_at("in_progress", citizen="li")
    ask(cast, lapsed, key="ext-2")
    assert queue(cast.office, "?status=in_progress") == {lapsed: "extension_requested"}
    cast.step(lapsed, "answer")  # answered before the office decided: the request lapses
    assert queue(cast.office, "?status=in_progress") == {}
    assert ExtensionLinkItem.count(keys.case_pk(lapsed)) == 0  # removed, not only hidden


def test_a_link_an_after_write_missed_comes_back_overnight(cast, assigned):
    case_id, _ = assigned
    ask(cast, case_id)
    ExtensionLinkItem(pk=keys.case_pk(case_id), sk=keys.extension_link_sk()).delete()
    assert case_id not in queue(cast.office)
    reconcile.run(now=T0)
    assert queue(cast.office)[case_id] == "extension_requested"


def test_the_admin_queue_page_names_the_reason(app, cast, assigned):
    case_id, _ = assigned
    ask(cast, case_id)
    client = app.test_client()
    admin_login(client, "office")
    page = client.get("/admin/queue").get_data(as_text=True)
    assert f'href="/admin/cases/{case_id}"' in page
    assert 'class="badge reason reason-extension_requested">申请延期<' in page
