"""The duty tests' helpers: a fixed clock, records reported and checked over the API."""
from datetime import datetime, timezone
from itertools import count

import pytest

from functions.shared import clock

NOW = datetime(2026, 6, 15, 2, 0, tzinfo=timezone.utc)  # 10:00 in Shanghai
_keys = count(1)


@pytest.fixture(autouse=True)
def fixed_clock():
    clock.set_now(NOW)
    yield NOW
    clock.set_now(None)


def record_body(**overrides) -> dict:
    body = {"kind": "inspection", "title": "调研城关镇老旧小区改造", "date": "2026-06-10",
            "content": "走访三个小区，听取居民意见。", "place": "城关镇"}
    body.update(overrides)
    return body


def key() -> dict:
    return {"Idempotency-Key": f"duty-{next(_keys)}"}


def report(deputy, **overrides) -> dict:
    return deputy.ok("POST", "/api/v1/deputy/duty-records", 201, headers=key(),
                     json=record_body(**overrides))["record"]


def enter(office, deputy_id: str, **overrides) -> dict:
    return office.ok("POST", "/api/v1/staff/duty-records", 201, headers=key(),
                     json=record_body(deputy_id=deputy_id, **overrides))["record"]


def verify(office, record_id: str) -> dict:
    return office.ok("POST", f"/api/v1/staff/duty-records/{record_id}/verify")["record"]


def ranking(caller, **params) -> dict:
    query = "&".join(f"{k}={v}" for k, v in {"region_id": "demo", "year": "2026",
                                              **params}.items())
    return caller.ok("GET", f"/api/v1/duty/ranking?{query}")


@pytest.fixture
def raced_tallies(monkeypatch) -> list[str]:
    """Two duty records made at once, each having read the tallies before either writes
    its record; → the periods whose tally write lost and took the ADD (tally_store.add)."""
    import threading

    from functions.duty import repository, tally_store
    together, create, add, fallbacks = threading.Barrier(2), repository.create, \
        tally_store.add, []

    def create_when_both_have_read(record):
        together.wait(10)
        return create(record)

    def add_counted(deputy, period, delta):
        fallbacks.append(period)
        return add(deputy, period, delta)
    monkeypatch.setattr(repository, "create", create_when_both_have_read)
    monkeypatch.setattr(tally_store, "add", add_counted)
    return fallbacks
