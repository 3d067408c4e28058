"""`make run`: the local store, the table, demo data, the scheduled functions and the app
(gunicorn, one worker process per core; the scheduled functions in one process of their own).

Ctrl-C stops everything this started; data stays under DATA_DIR for the next run.
"""
import logging
import os
import subprocess
import sys

from functions.shared.config import settings
from functions.storage.connection import configure, ensure_table, missing_indexes
from infra import seed, store_server, wsgi_server
from infra.local_schedule import SCHEDULE  # noqa: F401 (tests compare it with serverless.yml)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

log = logging.getLogger("run_local")
TTL_NOTE = ("table created. The local store (dynalite) has no time-to-live: expired items "
            "(login codes, throttle windows, WeChat tokens) stay on disk here, which is "
            "expected; the code checks every expiry itself, and DynamoDB deletes them in the cloud.")

OLD_TABLE_NOTE = ("the table in %s was made by an older release and lacks the indexes %s; "
                  "the local store cannot add indexes to a table, so the pages that read them "
                  "(全部诉求 and its filters) fail here. Stop, move that data directory away "
                  "and start again for a fresh table with every index.")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    config = settings()
    port = int(os.environ.get("PORT", "8080"))
    store_port = int(os.environ.get("STORE_PORT", "8000"))
    data_dir = os.environ.get("DATA_DIR", "./.data")
    os.makedirs(data_dir, exist_ok=True)
    store_log = open(os.path.join(data_dir, "dynalite.log"), "ab")
    store = store_server.start(store_port, os.path.join(data_dir, "dynalite"), store_log)
    schedule, main_pid = None, os.getpid()
    try:
        configure(config)
        # PynamoDB says "Unable to update the TTL" on dynalite; say what that means instead.
        logging.getLogger("pynamodb.models").setLevel(logging.WARNING)
        if ensure_table():
            log.info(TTL_NOTE)
        elif missing_indexes():
            log.warning(OLD_TABLE_NOTE, data_dir, ", ".join(missing_indexes()))
        created = seed.seed_demo() if config.wechat_dev_mode else None
        if created:
            from infra.demo_cases import create_demo_cases
            create_demo_cases(created["deputies"])
            from infra.demo_duty import create_demo_duty
            create_demo_duty(created["deputies"])
        _print_banner(config, port, store_port, data_dir, created)
        schedule = subprocess.Popen([sys.executable, "-m", "infra.local_schedule"], cwd=ROOT,
                                    start_new_session=True)  # stopped below, not by Ctrl-C
        from miniprogram_api import create_app
        # gunicorn's master forks the workers (each makes its own store client) and stops
        # them on Ctrl-C or SIGTERM, then exits through here.
        # WEB_WORKERS/WEB_THREADS: other set-ups, for benchmarks/load_servers.py.
        wsgi_server.serve(lambda: create_app(config), port,
                          workers=int(os.environ.get("WEB_WORKERS", "0")) or None,
                          threads=int(os.environ.get("WEB_THREADS",
                                                     wsgi_server.THREADS_PER_WORKER)))
    except KeyboardInterrupt:
        pass
    finally:
        if os.getpid() == main_pid:  # a worker leaves through here too, and stops nothing
            if schedule is not None:
                store_server.stop(schedule, timeout=10)  # a sweep may be mid-write
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
