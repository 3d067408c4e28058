"""The load benchmark's count of unsent notifications (benchmarks/load_tally.py, run in the
served tree) sees every case whose outbox still holds an entry, including one its
deliverer has not finished while the creating write's lease still runs."""
import os
import time

import pytest

from benchmarks.load_tally import TALLY
from benchmarks.make_run import in_tree
from functions.cases import repository as case_repository
from functions.cases.moves import outbox_entry
from functions.shared import clock

pytestmark = pytest.mark.integration
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


def test_an_entry_still_under_its_creating_writes_lease_counts_as_unsent(store, seeded, client):
    token = client.post("/api/v1/auth/wechat", json={"code": "tally-citizen"}).json["token"]
    made = client.post("/api/v1/cases", headers={"Authorization": f"Bearer {token}",
                                                 "Idempotency-Key": "tally-1"},
                       json={"entry_code": seeded["deputies"][0]["entry_code"],
                             "category": "city_construction", "type": "request",
                             "content": "路灯不亮", "public": False}).json["case"]
    case = case_repository.get(made["id"])
    # Written just now and not delivered: leased to its deliverer for a minute.
    case_repository.save({**case, "outbox": [outbox_entry("case_reply", "citizen",
                                                          clock.now())]})
    env = {"STORE_ENDPOINT": store.store_endpoint, "TABLE_NAME": store.table_name,
           "SECRET_KEY": "test-secret"}
    tally = in_tree(ROOT, env, TALLY, {"owners": [case["owner_id"]],
                                      "acknowledged": [case["id"]],
                                      "load_ended": time.time(), "wait": 0})
    assert tally["outboxes"] == {"pending_after_load": 1, "pending_at_end": 1,
                                 "all_sent_after_s": None}
    assert tally["cases"]["stored"] == 1

