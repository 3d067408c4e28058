"""What one write of a case costs the local store, and why: the same item put again and
again, as it is (in every index its keys place it) and with its index keys removed (in
none), alternating in rounds on one store so a noisy machine weighs on both alike.

`python -m benchmarks.store_write_cost [--puts 300] [--rounds 4]`: the store process's
CPU per PutItem for each, their ratio, and the indexes a just-submitted case is in (with
their projection). Every case write (the move, the delivery's release) is such a put.
"""
import argparse
import os
import sys

from benchmarks.harness import local_store, print_table, seed, write_json


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _store_pid(port: int) -> int:
    """The dynalite process listening on `port` (started by local_store)."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
        except OSError:
            continue
        if b"--port" in args and args[args.index(b"--port") + 1] == str(port).encode():
            return int(pid)
    raise RuntimeError(f"no store process on port {port}")


def _submitted_case_item(settings) -> dict:
    """A case as the mini-program submits it, in the store's own attribute format."""
    from functions.storage.low_level import _client
    from functions.storage.models import BaseItem
    from miniprogram_api import create_app
    seeded = seed()
    client = create_app(settings).test_client()
    token = client.post("/api/v1/auth/wechat", json={"code": "bench-write-cost"}).json["token"]
    made = client.post("/api/v1/cases", headers={"Authorization": f"Bearer {token}",
                                                 "Idempotency-Key": "bench-write-cost"},
                       json={"entry_code": seeded["deputies"][0]["entry_code"],
                             "category": "city_construction", "type": "request",
                             "content": "路灯不亮，晚上出行不便。" * 8, "public": True})
    assert made.status_code == 201, made.json
    return _client().get_item(TableName=BaseItem.Meta.table_name, Key={
        "pk": {"S": f"CASE#{made.json['case']['id']}"}, "sk": {"S": "META"}})["Item"]


def _indexes_of(item: dict) -> list[dict]:
    """The table's indexes whose keys the item has: each with its key attributes."""
    from functions.storage.models import BaseItem
    table = BaseItem._get_connection().describe_table()
    return [{"name": i["IndexName"], "projection": i["Projection"]["ProjectionType"],
             "keys": [k["AttributeName"] for k in i["KeySchema"]]}
            for i in table.get("GlobalSecondaryIndexes", [])
            if all(k["AttributeName"] in item for k in i["KeySchema"])]


def measure(puts: int, rounds: int) -> dict:
    from functions.storage.low_level import _client
    from functions.storage.models import BaseItem
    with local_store(persistent=True, DELIVERY="stream") as (settings, _):
        pid = _store_pid(int(settings.store_endpoint.rsplit(":", 1)[1]))
        item = _submitted_case_item(settings)
        indexed = _indexes_of(item)
        bare = {k: v for k, v in item.items() if k not in {a for i in indexed for a in i["keys"]}}
        client, table = _client(), BaseItem.Meta.table_name
        keys_only = _keys_only_copy(client, table)
        ways = {"in its indexes": (table, item), "in no index": (table, bare),
                "in its indexes, keys only": (keys_only, item)}
        cpu = dict.fromkeys(ways, 0.0)
        for _ in range(rounds):
            for label, (name, body) in ways.items():
                start = _cpu_seconds(pid)
                for _ in range(puts):
                    client.put_item(TableName=name, Item=body)
                cpu[label] += _cpu_seconds(pid) - start
    per_put = {label: round(1000 * seconds / (puts * rounds), 3) for label, seconds in cpu.items()}
    return {"indexes": [f"{i['name']} ({i['projection']})" for i in indexed],
            "item_attributes": len(item), "puts": puts * rounds,
            "store_cpu_ms_per_put": per_put,
            "ratio": round(per_put["in its indexes"] / max(per_put["in no index"], 1e-9), 2),
            "keys_only_ratio": round(per_put["in its indexes, keys only"]
                                     / max(per_put["in no index"], 1e-9), 2)}


def _keys_only_copy(client, table: str) -> str:
    """A table like `table` (same keys and indexes) whose indexes project keys only: what
    a write costs when an index holds a small entry instead of a copy of the item."""
    described = client.describe_table(TableName=table)["Table"]
    name = f"{table}-keys-only"
    client.create_table(
        TableName=name, KeySchema=described["KeySchema"],
        AttributeDefinitions=described["AttributeDefinitions"], BillingMode="PAY_PER_REQUEST",
        GlobalSecondaryIndexes=[{"IndexName": i["IndexName"], "KeySchema": i["KeySchema"],
                                 "Projection": {"ProjectionType": "KEYS_ONLY"}}
                                for i in described["GlobalSecondaryIndexes"]])
    return name


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store_write_cost")
    parser.add_argument("--puts", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    result = measure(args.puts, args.rounds)
    print_table("Store CPU per PutItem of a just-submitted case",
                ["the item", "store CPU ms per put"],
                [[label, ms] for label, ms in result["store_cpu_ms_per_put"].items()])
    print(f"\nin {len(result['indexes'])} indexes: {', '.join(result['indexes'])}; "
          f"in its indexes / in none: {result['ratio']}; with keys-only indexes / in none: "
          f"{result['keys_only_ratio']}")
    write_json("store_write_cost", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
