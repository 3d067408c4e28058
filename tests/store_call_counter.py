"""Count store calls through botocore's own event hooks: operation, index, key, capacity.

Every PynamoDB model class keeps its own botocore client (and functions/storage/low_level.py
and account_writes.py use BaseItem's), so the hooks go on each model's client. Each call is asked for its
ConsumedCapacity and tagged with the phase it belongs to: `after_write` when it runs
inside functions/cases/after_write.py (counters, immediate delivery), `request` otherwise.
"""
import re
import sys
import threading
from dataclasses import dataclass

from functions.storage.models import BaseItem

_WITH_CAPACITY = {"GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan",
                  "BatchGetItem", "BatchWriteItem"}
_AFTER_WRITE = "functions/cases/after_write.py"
_DELIVERY = tuple(f"functions/notifications/{name}.py" for name in (
    "drain", "record_delivery", "outbox_delivery", "dispatch", "sms_digest",
    "sms_queue_writes", "sms_at_once", "outbox_sms", "stream", "wakeup", "handoff"))
_HASH_VALUE = re.compile(r"^[\s(]*(#\w+)\s*=\s*(:\w+)")


@dataclass
class StoreCall:
    operation: str
    index: str | None
    key: str  # the partition key's prefix: CASE, COUNTERS, USER, ...
    phase: str  # request | after_write | delivery
    capacity: float = 0.0


def _key_prefix(operation: str, params: dict) -> str:
    if operation in ("GetItem", "UpdateItem", "DeleteItem"):
        value = params.get("Key", {}).get("pk", {}).get("S", "")
    elif operation == "PutItem":
        value = params.get("Item", {}).get("pk", {}).get("S", "")
    elif operation == "Query":
        match = _HASH_VALUE.match(params.get("KeyConditionExpression", ""))
        value = params.get("ExpressionAttributeValues", {}).get(
            match.group(2), {}).get("S", "") if match else ""
    elif operation == "BatchGetItem":
        prefixes = {key.get("pk", {}).get("S", "").split("#", 1)[0]
                    for table in params.get("RequestItems", {}).values()
                    for key in table.get("Keys", [])}
        return "+".join(sorted(prefixes)) or "*"
    else:
        return "*"
    return value.split("#", 1)[0]


def _phase() -> str:
    frame, phase = sys._getframe(2), "request"
    while frame is not None:
        name = frame.f_code.co_filename.replace("\\", "/")
        if name.endswith(_DELIVERY):
            return "delivery"
        if name.endswith(_AFTER_WRITE):
            phase = "after_write"
        frame = frame.f_back
    return phase


class StoreCallCounter:
    """Records every store call made while installed; `take()` hands them over and clears."""

    def __init__(self):
        self._calls: list[StoreCall] = []
        self._lock = threading.Lock()
        self._clients = []

    def install(self) -> "StoreCallCounter":
        """Hook the current store's client (call again after `configure()` points elsewhere)."""
        self.uninstall()
        client = BaseItem._get_connection().connection.client
        events = client.meta.events
        events.register("provide-client-params.dynamodb", self._before,
                        unique_id=f"count-before-{id(self)}")
        events.register("after-call.dynamodb", self._after, unique_id=f"count-after-{id(self)}")
        self._clients.append(client)
        return self

    def uninstall(self) -> None:
        for client in self._clients:
            client.meta.events.unregister("provide-client-params.dynamodb",
                                          unique_id=f"count-before-{id(self)}")
            client.meta.events.unregister("after-call.dynamodb",
                                          unique_id=f"count-after-{id(self)}")
        self._clients = []

    def __enter__(self):
        return self.install()

    def __exit__(self, *exc):
        self.uninstall()

    def _before(self, params, model, context, **_):
        operation = model.name
        if operation in _WITH_CAPACITY:
            params.setdefault("ReturnConsumedCapacity", "TOTAL")
        call = StoreCall(operation=operation, index=params.get("IndexName"),
                         key=_key_prefix(operation, params), phase=_phase())
        context["counted_call"] = call
        with self._lock:
            self._calls.append(call)

    def _after(self, parsed, context, **_):
        call = context.get("counted_call")
        capacity = parsed.get("ConsumedCapacity") if isinstance(parsed, dict) else None
        if call is None or not capacity:
            return
        entries = capacity if isinstance(capacity, list) else [capacity]
        call.capacity += sum(float(e.get("CapacityUnits", 0)) for e in entries)

    def take(self) -> list[StoreCall]:
        with self._lock:
            calls, self._calls = self._calls, []
        return calls


def summarise(calls: list[StoreCall]) -> dict:
    """Counts and capacity per phase, and the calls themselves as `OP key[index]` strings."""
    def part(phase):
        mine = [c for c in calls if c.phase == phase]
        return {"calls": len(mine), "capacity": round(sum(c.capacity for c in mine), 2),
                "ops": [f"{c.operation} {c.key}" + (f"[{c.index}]" if c.index else "")
                        for c in mine]}
    return {"request": part("request"), "after_write": part("after_write"),
            "delivery": part("delivery"),
            "scans": sum(1 for c in calls if c.operation == "Scan")}
