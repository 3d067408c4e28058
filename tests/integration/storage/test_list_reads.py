"""Lists never read whole case items: every store call a list makes asks for named
attributes (or an index's keys), and nothing it gets back holds a timeline or an outbox
(the public list: the public timeline, never the outbox)."""
import pytest

from functions.shared import clock
from functions.storage.models import BaseItem
from tests.case_fixtures import cast  # noqa: F401
from tests.integration.cases.test_lean_lists import NOW, a_case_in_each_place

pytestmark = pytest.mark.integration

KEYS_ONLY = {"inbox_newest"}  # indexes that hold only keys


class ReadRecorder:
    """Each store call's operation, whether it named what to return, and what came back."""

    def __init__(self):
        self.calls = []
        self._client = BaseItem._get_connection().connection.client

    def __enter__(self):
        events = self._client.meta.events
        events.register("provide-client-params.dynamodb", self._before, unique_id="lists-b")
        events.register("after-call.dynamodb", self._after, unique_id="lists-a")
        return self

    def __exit__(self, *exc):
        events = self._client.meta.events
        events.unregister("provide-client-params.dynamodb", unique_id="lists-b")
        events.unregister("after-call.dynamodb", unique_id="lists-a")

    def _before(self, params, model, context, **_):
        tables = params.get("RequestItems", {}).values()
        named = "ProjectionExpression" in params or params.get("IndexName") in KEYS_ONLY or (
            tables and all("ProjectionExpression" in t for t in tables))
        context["recorded"] = {"op": model.name, "named": bool(named),
                               "pk": params.get("Key", {}).get("pk", {}).get("S", "")}
        self.calls.append(context["recorded"])

    def _after(self, parsed, context, **_):
        found = list(parsed.get("Items", []))
        if "Item" in parsed:
            found.append(parsed["Item"])
        for items in parsed.get("Responses", {}).values():
            found += items
        context["recorded"]["attributes"] = set().union(*(set(i) for i in found))


LISTS = [
    ("citizen", "/api/v1/cases/mine"), ("deputy", "/api/v1/deputy/inbox"),
    ("deputy", "/api/v1/deputy/inbox?status=in_progress"), ("office", "/api/v1/staff/queue"),
    ("unit", "/api/v1/staff/queue"), ("unit", "/api/v1/staff/queue?tab=done"),
    ("co_unit", "/api/v1/staff/queue"),
]


@pytest.mark.parametrize("who,path", LISTS)
def test_a_list_reads_only_what_its_rows_show(cast, who, path):
    a_case_in_each_place(cast)
    co_handled = cast.case_at("forwarded")  # the co-unit sees it through a link item
    cast.office.ok("POST", f"/api/v1/cases/{co_handled}/assign",
                   json={"unit_id": "u-housing", "co_unit_ids": ["u-transport"]})
    caller = {"citizen": cast.citizen(), "deputy": cast.deputy(), "office": cast.office,
              "unit": cast.unit, "co_unit": cast.other_unit()}[who]
    caller.ok("GET", path)  # sessions warmed: what follows is the list itself
    with ReadRecorder() as recorder:
        assert caller.ok("GET", path)["items"]
    case_reads = [c for c in recorder.calls if not c["pk"].startswith(("USER#", "STAFF#",
                                                                        "COUNTERS#"))]
    assert case_reads and all(c["named"] for c in case_reads), recorder.calls
    for call in recorder.calls:
        assert not {"timeline", "outbox", "contact_phone"} & call["attributes"], call


def test_the_public_list_reads_the_public_timeline_but_never_the_outbox(cast):
    clock.set_now(NOW)
    cast.case_at("in_progress", public=True)
    with ReadRecorder() as recorder:
        assert cast.anonymous.ok("GET", "/api/v1/public/cases?region_id=demo")["items"]
    listed = [c for c in recorder.calls if c["op"] == "Query"]
    assert listed and all(c["named"] for c in listed)
    assert "timeline" in listed[0]["attributes"]
    assert not {"outbox", "contact_phone", "location"} & listed[0]["attributes"]
