"""A tree's `make run` as a child process, for the load benchmark: this tree's, or a past
revision's code extracted with `git archive`, each on its own ports, data and store.

Whatever that tree's `infra/run_local.py` starts is what runs (its store, its scheduled
functions, its delivery worker, its server), with this venv's Python. The set-up and the
counts after the load run as small scripts inside the same tree, so an old revision is
read with its own code.
"""
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import requests

from benchmarks.harness import ROOT, free_port


@contextlib.contextmanager
def tree_at(rev: str | None):
    """This tree (None), or the code at `rev` in a temporary directory removed afterwards."""
    if rev is None:
        yield ROOT
        return
    tree = tempfile.mkdtemp(prefix="mashangban-rev-")
    try:
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        os.symlink(os.path.join(ROOT, "node_modules"), os.path.join(tree, "node_modules"))
        yield tree
    finally:
        shutil.rmtree(tree, ignore_errors=True)


def make_run_env(data_dir: str, **extra) -> dict:
    """`make run`'s environment on free ports (its delivery worker listens on PORT - 1)."""
    port = free_port()
    while not _free(port - 1):
        port = free_port()
    return {"PORT": str(port), "STORE_PORT": str(free_port()), "DATA_DIR": data_dir,
            "SECRET_KEY": "bench-secret", "PASSWORD_HASH_COST": "fast",
            # simulated citizens submit far more than real ones may
            "CASES_PER_HOUR": "100000", "CASES_PER_DAY": "100000", "PYTHONUNBUFFERED": "1",
            **extra}


def _free(port: int) -> bool:
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


@contextlib.contextmanager
def make_run(tree: str, env: dict, command: tuple = ("-m", "infra.run_local")):
    """`python -m infra.run_local` (or `command`) in `tree` until the block ends (then Ctrl-C,
    as a developer stops it); yields (base URL, its process id) once /api/v1/health answers."""
    log_path = os.path.join(env["DATA_DIR"], "make_run.log")
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([sys.executable, *command], cwd=tree,
                                env={**os.environ, "PYTHONPATH": tree, **env}, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{env['PORT']}"
        _wait_for(base, proc, log_path)
        yield base, proc.pid
    finally:
        stop(proc)


def _wait_for(base: str, proc: subprocess.Popen, log_path: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"make run exited with {proc.returncode}: {_tail(log_path)}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"make run did not answer within 120 s: {_tail(log_path)}")


def _tail(path: str) -> str:
    with open(path, "rb") as f:
        return f.read()[-2000:].decode("utf-8", "replace")


def stop(proc: subprocess.Popen) -> None:
    """Ctrl-C (its own stop of the schedule and the store); the whole group if it lingers."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def cpu_seconds(root: int) -> dict:
    """CPU seconds spent so far by `root` and its descendants, by role: the store (dynalite),
    the schedule process (its delivery worker), and the app (server and its workers)."""
    ticks, stats = os.sysconf("SC_CLK_TCK"), {}
    for name in os.listdir("/proc"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{name}/cmdline", "rb") as f:
                command = f.read().decode("utf-8", "replace")
            stats[int(name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks,
                                command)
    family, roles = {root}, {}
    for _ in range(4):  # make run → gunicorn master → workers; deep enough
        family |= {pid for pid, (parent, _, _) in stats.items() if parent in family}
    for pid in family & stats.keys():
        _, seconds, command = stats[pid]
        role = "store" if "dynalite" in command else \
            "schedule" if "local_schedule" in command else "app"
        roles[role] = roles.get(role, 0.0) + seconds
    return roles


def in_tree(tree: str, env: dict, script: str, payload) -> dict:
    """Run `script` (reads json `payload` from argv[1], writes its answer to argv[2]) in
    `tree` against the store `env` names, with that tree's code."""
    with tempfile.TemporaryDirectory(prefix="mashangban-script-") as scratch:
        given, answer = os.path.join(scratch, "in.json"), os.path.join(scratch, "out.json")
        with open(given, "w") as f:
            json.dump(payload, f)
        subprocess.run([sys.executable, "-c", script, given, answer], cwd=tree, check=True,
                       env={**os.environ, "PYTHONPATH": tree, **env})
        with open(answer) as f:
            return json.load(f)
