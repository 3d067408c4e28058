"""The app on loopback, in its own process: gunicorn as `make run` serves it, or waitress.

`python -m benchmarks.serve PORT [THREADS] [WORKERS]`, configured by the environment like
`make run` (STORE_PORT, TABLE_NAME, SECRET_KEY, DATA_DIR). WORKERS 0 (the default) is one
gunicorn worker per core with THREADS each; WORKERS "waitress" is one waitress process with
THREADS threads (how `make run` served before). `start_server` runs it as a subprocess and
waits until it answers, so the load generator and the server do not share one interpreter lock.
"""
import os
import subprocess
import sys
import time

import requests

from infra import store_server

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start_server(port: int, env: dict, threads: int = 8, log_path: str | None = None,
                 workers: int | str = "waitress") -> subprocess.Popen:
    """Serve the app on 127.0.0.1:`port` with these settings; wait until it is up. `workers`:
    "waitress" (one process of `threads` threads), or gunicorn's worker count (0: per core)."""
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-m", "benchmarks.serve", str(port), str(threads),
                             str(workers)],
                            cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=log,
                            start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app server exited with {proc.returncode}")
        try:
            requests.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=1)
            return proc
        except requests.ConnectionError:
            time.sleep(0.1)
    stop_server(proc)
    raise RuntimeError("the app server did not answer within 30 s")


def stop_server(proc: subprocess.Popen) -> None:
    store_server.stop(proc, timeout=10)  # the app may be finishing requests


def settings_env(settings, data_dir: str) -> dict:
    """The environment that gives a child process these Settings."""
    return {"STORE_ENDPOINT": settings.store_endpoint, "TABLE_NAME": settings.table_name,
            "SECRET_KEY": settings.secret_key, "DATA_DIR": data_dir,
            "AWS_REGION": settings.aws_region,
            "PASSWORD_HASH_COST": settings.password_hash_cost,
            "CASES_PER_HOUR": str(settings.cases_per_hour),
            "CASES_PER_DAY": str(settings.cases_per_day)}


def main(argv) -> int:
    import logging
    from miniprogram_api import create_app
    logging.basicConfig(level=logging.WARNING)
    port, threads = int(argv[0]), int(argv[1]) if len(argv) > 1 else 8
    workers = argv[2] if len(argv) > 2 else "0"
    if workers == "waitress":
        from waitress import serve
        serve(create_app(), host="127.0.0.1", port=port, threads=threads,
              connection_limit=1000, _quiet=True)
    else:
        from infra.wsgi_server import serve
        serve(create_app, port, workers=int(workers) or None, threads=threads, quiet=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
