"""The store dies in the middle of a load run and comes back with its data.

While it is down, requests fail with a clean 503 in the error contract; no request is
acknowledged without its case being stored; after the restart every acknowledged case is
there exactly once, and retrying the refused submissions with their keys stores each once.
"""
import threading
import time

import pytest
import requests

from functions.storage import indexes, keys
from functions.storage.models import CaseItem

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

CITIZENS = 6
ENOUGH = 12  # acknowledged submissions wanted before the kill and after the restart


class Phase:
    """before → down → after; each request notes the phase it started and ended in."""

    def __init__(self):
        self.now = "before"
        self.acknowledged = {"before": 0, "down": 0, "after": 0}

    def wait_for(self, phase: str, count: int, limit: float = 60) -> None:
        deadline = time.monotonic() + limit
        while self.acknowledged[phase] < count and time.monotonic() < deadline:
            time.sleep(0.05)


def _submit(base, token, entry_code, key):
    body = {"entry_code": entry_code, "category": "city_construction", "type": "request",
            "content": f"停电期间提交的诉求 {key}", "public": False}
    return requests.post(f"{base}/api/v1/cases", json=body, timeout=30,
                         headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key})


def _citizen(base, n):
    body = requests.post(f"{base}/api/v1/auth/wechat", json={"code": f"outage-{n}"},
                         timeout=10).json()
    return body["user"]["id"], body["token"]


def _load(base, entry_code, phase, stop, log, user, token):
    n = 0
    while not stop.is_set():
        n += 1
        key, started = f"{user}-{n}", phase.now
        response = _submit(base, token, entry_code, key)
        log.append({"user": user, "token": token, "key": key, "status": response.status_code,
                    "body": response.json(), "text": response.text,
                    "phases": (started, phase.now)})
        if response.status_code == 503:
            time.sleep(0.3)  # a client backs off before its next try
        elif response.status_code in (200, 201):
            phase.acknowledged[started] += 1
            case_id = response.json()["case"]["id"]
            read = requests.get(f"{base}/api/v1/cases/{case_id}", timeout=30,
                                headers={"Authorization": f"Bearer {token}"})
            log.append({"user": user, "key": None, "status": read.status_code,
                        "body": read.json(), "text": read.text,
                        "phases": (started, phase.now)})


def test_a_store_outage_gives_clean_503s_and_loses_or_doubles_no_case(served, killable_store):
    base, seeded = served
    entry_code = seeded["deputies"][0]["entry_code"]
    people = [_citizen(base, n) for n in range(CITIZENS)]
    phase, stop, log = Phase(), threading.Event(), []
    workers = [threading.Thread(target=_load, args=(base, entry_code, phase, stop, log, *p))
               for p in people]
    for worker in workers:
        worker.start()
    phase.wait_for("before", ENOUGH)
    killable_store.kill()
    phase.now = "down"
    time.sleep(4)
    killable_store.restart()
    phase.now = "after"
    phase.wait_for("after", ENOUGH)
    stop.set()
    for worker in workers:
        worker.join(timeout=60)

    assert {entry["status"] for entry in log} <= {200, 201, 503}
    refused = [entry for entry in log if entry["status"] == 503]
    assert refused, "the outage was not noticed"
    for entry in refused:
        assert entry["body"] == {"error": {"code": "unavailable", "message": entry["body"][
            "error"]["message"], "fields": {}}}
        assert "Traceback" not in entry["text"] and "botocore" not in entry["text"]
    wholly_down = [e for e in log if e["phases"] == ("down", "down")]
    assert wholly_down and all(e["status"] == 503 for e in wholly_down)
    assert phase.acknowledged["before"] >= ENOUGH and phase.acknowledged["after"] >= ENOUGH

    submits = [e for e in log if e["key"]]
    acknowledged = {e["body"]["case"]["id"] for e in submits if e["status"] in (200, 201)}
    stored = _stored_cases(user for user, _ in people)
    assert acknowledged <= set(stored), "a case was acknowledged but not stored"
    _assert_each_once(stored)

    for entry in (e for e in submits if e["status"] == 503):
        retried = _submit(base, entry["token"], entry_code, entry["key"])
        assert retried.status_code in (200, 201), retried.text
    stored = _stored_cases(user for user, _ in people)
    _assert_each_once(stored)
    assert len(stored) == len({e["key"] for e in submits})


def _stored_cases(users) -> dict:
    """case id → content, for every case the store holds of these users."""
    return {item.case_id: item.content for user in users
            for item in indexes.by_owner.query(CaseItem, keys.owner_cases_key(user))}


def _assert_each_once(stored: dict) -> None:
    contents = list(stored.values())
    assert len(contents) == len(set(contents)), "a submission was stored twice"
