"""Serve the Flask app locally with gunicorn: one worker process per core.

Each worker builds its own app and store client after the fork (`create_app` connects;
functions/storage/clients.py drops any client inherited from the parent), so no two
processes share a pooled socket. gunicorn's master stops every worker on SIGINT/SIGTERM.
`make run` and the load benchmark (benchmarks/serve.py) both serve through here.
"""
import os

from gunicorn.app.base import BaseApplication

# gthread workers keep connections alive (a phone's session reuses its socket) and overlap a
# request's wait for the store with another request's Python work in the same process.
THREADS_PER_WORKER = 4


def default_workers() -> int:
    """One worker per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


class _Server(BaseApplication):
    def __init__(self, app_factory, options: dict):
        self.app_factory, self.options = app_factory, options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.app_factory()


def serve(app_factory, port: int, host: str = "127.0.0.1", workers: int | None = None,
          threads: int = THREADS_PER_WORKER, quiet: bool = False) -> None:
    """Run until SIGINT/SIGTERM: `workers` processes (default one per core), each calling
    `app_factory()` once after the fork and serving `threads` requests at a time."""
    _Server(app_factory, {
        "bind": f"{host}:{port}", "workers": workers or default_workers(),
        "worker_class": "gthread" if threads > 1 else "sync", "threads": threads,
        "keepalive": 30, "backlog": 1024, "graceful_timeout": 5, "timeout": 60,
        "loglevel": "warning" if quiet else "info", "accesslog": None,
        "proc_name": "mashangban-api",
    }).run()
