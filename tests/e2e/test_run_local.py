"""`make run`'s program as a developer uses it: starts everything, stops on Ctrl-C, keeps data,
and a second copy on other ports runs beside the first."""
import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from tests.conftest import free_port

pytestmark = pytest.mark.e2e
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def start(data_dir) -> tuple[subprocess.Popen, str]:
    port, store_port = free_port(), free_port()
    env = {**os.environ, "PORT": str(port), "STORE_PORT": str(store_port),
           "DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "infra.run_local"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return proc, base
        except (requests.ConnectionError, requests.Timeout):
            pass  # not listening yet, or a worker still warming up: ask again until the deadline
        assert proc.poll() is None, proc.stdout.read()
        time.sleep(0.3)
    proc.kill()
    raise AssertionError("make run did not answer within 90 s")


def stop(proc) -> str:
    proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
    output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, output
    return output


def test_run_serves_demo_data_stops_on_ctrl_c_and_keeps_the_data(tmp_path):
    first, base = start(tmp_path / "a")
    second, other = start(tmp_path / "b")  # a second copy beside the first
    try:
        office = requests.post(f"{base}/api/v1/staff/login", timeout=10, json={
            "username": "office", "password": "demo12345"}).json()["token"]
        queue = requests.get(f"{base}/api/v1/staff/queue", timeout=10,
                             headers={"Authorization": f"Bearer {office}"}).json()
        assert len(queue["items"]) == 1  # the demo case forwarded to the office
        assert requests.get(f"{other}/api/v1/health", timeout=5).status_code == 200
        assert requests.get(f"{base}/admin/login", timeout=5).status_code == 200
        assert "管理后台" in requests.get(f"{base}/", timeout=5).text
    finally:
        stop(second)
        banner = stop(first)
    assert "admin / office / unit1" in banner and "stopped; data kept" in banner
    public = next(word for word in banner.split() if "/h5/public" in word)
    assert public == f"{base}/h5/public?region_id=demo"
    assert "no time-to-live" in banner and "Unable to update the TTL" not in banner
    codes = [line.split("/q/")[1].split()[0] for line in banner.splitlines() if "/q/" in line
             and "Deputy" in line]
    assert len(codes) == 3

    again, base = start(tmp_path / "a")
    try:
        assert "示例县公开诉求" in requests.get(public.replace(public.split("/h5")[0], base),
                                           timeout=5).text
        for code in codes:  # the same deputies, from the data kept on disk
            assert requests.get(f"{base}/api/v1/entry/{code}", timeout=5).status_code == 200
    finally:
        restarted = stop(again)
    assert all(code in restarted for code in codes)


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(p) for p in f.read().split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(")")[-1].split()[0] != "Z"  # a zombie has stopped


def test_run_serves_with_a_worker_per_core_schedules_once_and_ctrl_c_stops_them_all(tmp_path):
    from infra.wsgi_server import default_workers
    proc, base = start(tmp_path)
    try:
        assert requests.get(f"{base}/api/v1/health", timeout=5).json()["store"] == "up"
        # gunicorn forks its workers one after another (a pause between them) and the first
        # may answer before the last is forked on a busy machine: look again for a while.
        deadline = time.monotonic() + 15
        while True:
            children = _children(proc.pid)
            workers = [p for p in children if _children(p) == [] and
                       open(f"/proc/{p}/cmdline").read().split("\0")[:3] ==
                       [sys.executable, "-m", "infra.run_local"]]
            if len(workers) >= default_workers() or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert len(workers) == default_workers() >= 1  # forked app workers, one per core
        from infra.local_schedule import BACKGROUND_NICENESS
        schedule = [p for p in children if "infra.local_schedule" in
                    open(f"/proc/{p}/cmdline").read().split("\0")]
        assert len(schedule) == 1  # its sends and sweeps yield the CPU to requests
        # The schedule process lowers its own priority once its imports are done, which on a
        # busy machine can be after the app's first answer: look again for a while.
        wanted = min(19, os.getpriority(os.PRIO_PROCESS, workers[0]) + BACKGROUND_NICENESS)
        deadline = time.monotonic() + 15
        while (os.getpriority(os.PRIO_PROCESS, schedule[0]) != wanted
               and time.monotonic() < deadline):
            time.sleep(0.2)
        assert os.getpriority(os.PRIO_PROCESS, schedule[0]) == wanted
        time.sleep(7)  # the schedule's first tick is 5 s after start
    finally:
        output = stop(proc)
    # Every scheduled function ran once, in one process, not once per worker.
    assert output.count("functions.notifications.drain: ") == 1, output
    assert output.count("functions.cases.sweep: ") == 1, output
    assert not [p for p in children if _alive(p)]  # workers, store and schedule all stopped


def test_a_deputys_message_goes_out_within_seconds_from_make_runs_worker(tmp_path):
    """DELIVERY=signal, make run's default: the request only writes and pings the worker."""
    from tests.api_client import Api
    proc, base = start(tmp_path)
    try:
        banner = ""
        while "Ctrl-C stops everything." not in banner:
            banner += proc.stdout.readline()
        entry, bind = next((line.split("/q/")[1].split()[0], line.split()[-1])
                           for line in banner.splitlines()
                           if "Deputy" in line and not line.endswith("(bound)"))
        deputy = Api(base).as_citizen("e2e-deputy")
        deputy.ok("POST", "/api/v1/deputy/bind", json={"bind_code": bind})
        deputy.ok("POST", "/api/v1/subscriptions",
                  json={"results": {"dev-tpl-new-case": "accept"}})
        citizen = Api(base).as_citizen("e2e-citizen")
        case = citizen.ok("POST", "/api/v1/cases", 201, headers={"Idempotency-Key": "e2e-1"},
                          json={"entry_code": entry, "category": "other", "type": "request",
                                "content": "路灯坏了三天了"})["case"]
        office, started, sent = Api(base).as_staff("office"), time.monotonic(), []
        while not sent and time.monotonic() - started < 5:
            records = office.ok("GET", f"/api/v1/staff/notifications?case_id={case['id']}")
            sent = [r for r in records["items"] if r["channel"] == "wechat"]
            time.sleep(0.1)
        took = time.monotonic() - started
    finally:
        stop(proc)
    assert [r["result"] for r in sent] == ["recorded"]  # dev mode: what would have gone out
    assert took < 3, f"the deputy's message took {took:.1f} s"
