"""The server set-ups the load benchmarks compare, each up on its own fresh store.

- `before`: the code at harness.LOAD_BASELINE_REV served by its own `make run` (one waitress
  process of 8 threads, notifications delivered inside the request): "today" of issue 18.
- `before-app`: the same code served as its load benchmark served it (its
  benchmarks/serve.py: one waitress process of 8 threads allowing 1000 connections, where
  its `make run` allowed waitress's default 100), on a store of its own as `make run` keeps
  it: the issue's ~42 req/s was measured so. At 200 people `before` leaves connections
  unanswered until they time out.
- `rev:REV`: the code at any revision, served by its own `make run`.
- `make-run[:WORKERSxTHREADS]`: this tree's `make run` (gunicorn workers and the schedule
  process whose delivery worker sends what the requests wrote); a size sets WEB_WORKERS and
  WEB_THREADS.
- `waitress:THREADS`, `gunicorn[:WORKERSxTHREADS]`: this tree's app alone
  (benchmarks/serve.py): no delivery worker, so the sends its writes owe are not made.
"""
import contextlib
import os
import tempfile

from benchmarks.harness import LOAD_BASELINE_REV, ROOT, free_port, local_store, seed
from benchmarks.load_tally import SEED
from benchmarks.make_run import cpu_seconds, in_tree, make_run, make_run_env, tree_at
from benchmarks.serve import settings_env, start_server, stop_server
from infra import store_server
from infra.wsgi_server import THREADS_PER_WORKER


def server_args(spec: str) -> dict:
    """`waitress:8` → 8 threads in one process; `gunicorn:2x4` → 2 workers of 4 threads."""
    name, _, size = spec.partition(":")
    if name == "waitress":
        return {"workers": "waitress", "threads": int(size or 8)}
    if name == "gunicorn":
        workers, _, threads = (size or f"0x{THREADS_PER_WORKER}").partition("x")
        return {"workers": int(workers), "threads": int(threads or THREADS_PER_WORKER)}
    raise SystemExit(f"unknown server {spec!r}: before, rev:REV, make-run[:WxT], "
                     "waitress:THREADS or gunicorn[:WORKERSxTHREADS]")


def past(spec: str) -> bool:
    """Whether the set-up serves another revision's code (the comparison, not this tree)."""
    return spec in ("before", "before-app") or spec.startswith("rev:")


def delivers(spec: str) -> bool:
    """Whether the set-up sends its notifications (a make run, or the code before issue 18
    that sent them inside the request), so the run waits for them."""
    return spec in ("before", "before-app") or spec.startswith(("rev:", "make-run"))


@contextlib.contextmanager
def served(spec: str):
    """Yield (base URL, tree, environment, CPU probe) of `spec` up and answering; stop it
    afterwards. The tree and environment run benchmarks/load_tally.py's scripts against its
    store; the probe gives the CPU seconds its processes spent so far (a make run's only)."""
    name, _, size = spec.partition(":")
    if spec == "before-app":
        with _before_app() as served_app:
            yield served_app
        return
    if delivers(spec):
        rev = LOAD_BASELINE_REV if name == "before" else size if name == "rev" else None
        web = {}
        if name == "make-run" and size:
            workers, _, threads = size.partition("x")
            web = {"WEB_WORKERS": workers, "WEB_THREADS": threads or str(THREADS_PER_WORKER)}
        with tree_at(rev) as tree, \
                tempfile.TemporaryDirectory(prefix="mashangban-load-") as data_dir:
            env = make_run_env(data_dir, **web)
            with make_run(tree, env) as (base, pid):
                yield base, tree, env, lambda: cpu_seconds(pid)
        return
    args = server_args(spec)
    with local_store() as (settings, data_dir):
        seed()
        port, env = free_port(), settings_env(settings, data_dir)
        proc = start_server(port, env, **args)
        try:
            yield f"http://127.0.0.1:{port}", ROOT, env, dict
        finally:
            stop_server(proc)


@contextlib.contextmanager
def _before_app():
    """LOAD_BASELINE_REV's app by its own benchmarks/serve.py, on dynalite kept on disk."""
    with tree_at(LOAD_BASELINE_REV) as tree, \
            tempfile.TemporaryDirectory(prefix="mashangban-load-") as data_dir:
        env = make_run_env(data_dir)
        store = store_server.start(int(env["STORE_PORT"]), os.path.join(data_dir, "dynalite"))
        try:
            in_tree(tree, env, SEED, {})
            with make_run(tree, env, ("-m", "benchmarks.serve", env["PORT"], "8")) as (base, pid):
                yield base, tree, env, lambda: {**cpu_seconds(pid), **cpu_seconds(store.pid)}
        finally:
            store_server.stop(store)
