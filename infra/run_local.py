"""`make run`: the local store, the table, demo data, the scheduled functions and the app.

Ctrl-C stops everything this started; data stays under DATA_DIR for the next run.
"""
import importlib
import logging
import os
import signal
import sys
import threading

from waitress import serve

from functions.shared import clock
from functions.shared.config import settings
from functions.storage.connection import configure, ensure_table
from infra import seed, store_server

# (module, every N seconds) — the same schedule serverless.yml declares.
SCHEDULE = (("functions.notifications.drain", 60), ("functions.cases.sweep", 15 * 60),
            ("functions.reporting.recount", 24 * 3600), ("functions.projects.notice_sweep", 15 * 60))

log = logging.getLogger("run_local")
TTL_NOTE = ("table created. The local store (dynalite) has no time-to-live: expired items "
            "(login codes, throttle windows, WeChat tokens) stay on disk here, which is "
            "expected; the code checks every expiry itself, and DynamoDB deletes them in the cloud.")


def run_schedule(stop: threading.Event) -> None:
    """Run each scheduled function on its period, in this process, until stopped."""
    jobs = [(importlib.import_module(name), period) for name, period in SCHEDULE]
    next_run = {module: 0.0 for module, _ in jobs}
    elapsed = 0.0
    while not stop.wait(timeout=5):
        elapsed += 5
        for module, period in jobs:
            if elapsed >= next_run[module]:
                next_run[module] = elapsed + period
                try:
                    result = module.run(now=clock.now())
                    log.info("%s: %s", module.__name__, result)
                except Exception:  # a failed sweep must not stop the server; it runs again
                    log.exception("scheduled function %s failed", module.__name__)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    config = settings()
    port = int(os.environ.get("PORT", "8080"))
    store_port = int(os.environ.get("STORE_PORT", "8000"))
    data_dir = os.environ.get("DATA_DIR", "./.data")
    os.makedirs(data_dir, exist_ok=True)
    store_log = open(os.path.join(data_dir, "dynalite.log"), "ab")
    store = store_server.start(store_port, os.path.join(data_dir, "dynalite"), store_log)
    stop = threading.Event()
    try:
        configure(config)
        # PynamoDB says "Unable to update the TTL" on dynalite; say what that means instead.
        logging.getLogger("pynamodb.models").setLevel(logging.WARNING)
        if ensure_table():
            log.info(TTL_NOTE)
        created = seed.seed_demo() if config.wechat_dev_mode else None
        if created:
            from infra.demo_cases import create_demo_cases
            create_demo_cases(created["deputies"])
            from infra.demo_duty import create_demo_duty
            create_demo_duty(created["deputies"])
        _print_banner(config, port, store_port, data_dir, created)
        threading.Thread(target=run_schedule, args=(stop,), daemon=True).start()
        from miniprogram_api import create_app
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        serve(create_app(config), host="127.0.0.1", port=port, threads=8)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        store_server.stop(store)
        print("stopped; data kept in", data_dir)
    return 0


def _print_banner(config, port, store_port, data_dir, created) -> None:
    base = f"http://127.0.0.1:{port}"
    public_query = f"?region_id={seed.DEMO_REGION}" if config.wechat_dev_mode else ""
    print(f"""
码上办 is running
  Start here   {base}/
  API          {base}/api/v1/health   docs: {base}/api/docs   (OpenAPI: {base}/api/v1/openapi.json)
  Admin page   {base}/admin/
  H5 pages     {base}/q/<entry_code>   public list: {base}/h5/public{public_query}
  Store        dynalite on 127.0.0.1:{store_port}, data in {data_dir}
  WeChat       {"dev mode: login takes any code, sends are only recorded" if config.wechat_dev_mode else "app " + str(config.wechat_appid)}
  Demo staff   admin / office / unit1, password {seed.DEMO_PASSWORD}""")
    shown = created["deputies"] if created else seed.demo_deputies()
    if config.wechat_dev_mode:
        for deputy in shown:
            print(f"  Deputy       {deputy['name']}: entry {base}/q/{deputy['entry_code']}"
                  f"  bind code {deputy.get('bind_code') or '(bound)'}")
    print("Ctrl-C stops everything.\n", flush=True)


if __name__ == "__main__":
    sys.exit(main())
