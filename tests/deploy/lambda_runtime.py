"""Run one Lambda handler the way the python3.11 runtime does, from unpacked deploy artifacts.

    python -I -S lambda_runtime.py TASK_DIR OPT_DIR module.handler EVENT_JSON

`-I -S`: no site-packages and no project on sys.path, only the artifact (LAMBDA_TASK_ROOT, then
the layers' /opt/python paths), so a module missing from the package fails here as in Lambda.
Prints one JSON line: the handler's result, the AWS operations it called, whether the
WeChat and SMS libraries were imported, and where the store client's botocore data came from.
"""
import importlib
import importlib.util
import json
import os
import sys
import time


OURS = ("functions", "miniprogram_api")
UNCHECKED_HASH = (0b01).to_bytes(4, "little")  # PEP 552 flags: hash-based, source not checked


class Context:
    """The attributes of Lambda's context object that handlers and zappa read."""

    def __init__(self):
        self.function_name = os.environ["AWS_LAMBDA_FUNCTION_NAME"]
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = "512"
        self.aws_request_id = "11111111-2222-3333-4444-555555555555"
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self.log_stream_name = "2024/05/24/[$LATEST]0123456789abcdef"
        self.invoked_function_arn = (f"arn:aws-cn:lambda:cn-north-1:123456789012:function:"
                                     f"{self.function_name}")
        self._deadline = time.monotonic() + 60

    def get_remaining_time_in_millis(self):
        return int((self._deadline - time.monotonic()) * 1000)


def main(task_dir, opt_dir, handler_path, event_file):
    sys.path[:0] = [task_dir, os.path.join(opt_dir, "python", "lib", "python3.11", "site-packages"),
                    os.path.join(opt_dir, "python")]
    os.chdir(task_dir)
    import botocore.client

    operations = []
    original = botocore.client.BaseClient._make_api_call

    def recording(client, operation_name, params):
        operations.append(f"{client.meta.service_model.endpoint_prefix}:{operation_name}")
        return original(client, operation_name, params)

    botocore.client.BaseClient._make_api_call = recording
    module_name, attr = handler_path.rsplit(".", 1)
    started = time.perf_counter()
    handler = getattr(importlib.import_module(module_name), attr)
    init_seconds = time.perf_counter() - started
    with open(event_file, encoding="utf-8") as f:
        event = json.load(f)
    result = handler(event, Context())
    print(json.dumps({
        "result": result, "operations": sorted(set(operations)), "init_seconds": init_seconds,
        "imported": sorted(m for m in ("wechatpy", "aliyunsdkcore") if m in sys.modules),
        "loaded_from": {m: getattr(sys.modules.get(m), "__file__", None)
                        for m in ("flask", "pynamodb", "botocore", module_name)},
        "bytecode": _our_bytecode(task_dir),
        "store_data": _store_data(),
    }, ensure_ascii=False, default=str))


def _store_data():
    """Where each store client made in this run loads botocore's data from."""
    clients = sys.modules.get("functions.storage.clients")
    return [connection._client._loader.search_paths
            for connection in getattr(clients, "_stores", {}).values() if connection._client]


def _our_bytecode(task_dir):
    """Our imported modules: how many had an unchecked-hash .pyc, and which did not (a module
    Python had to compile leaves none, or the timestamp .pyc it wrote here)."""
    unchecked, other = 0, []
    for name, module in list(sys.modules.items()):
        spec = getattr(module, "__spec__", None)
        if name.split(".")[0] not in OURS or not spec or not (spec.origin or "").startswith(
                task_dir):
            continue
        try:
            with open(spec.cached, "rb") as f:
                header = f.read(8)
        except (OSError, TypeError):
            header = b""
        if header[:4] == importlib.util.MAGIC_NUMBER and header[4:8] == UNCHECKED_HASH:
            unchecked += 1
        else:
            other.append(name)
    return {"unchecked_hash": unchecked, "other": sorted(other)}


if __name__ == "__main__":
    main(*sys.argv[1:])
