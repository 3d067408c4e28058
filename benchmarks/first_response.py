"""From process start to the first answer: the API app in a fresh interpreter, timed by its client.

Each run starts `python` on the API handler module as Lambda's init phase would import it
(miniprogram_api.lambda_entry: app built, store client made), serves it on loopback and
polls `/api/v1/health` (which reads the store) until it answers 200. Reported: the median
time from starting the process to that first answer, the import alone (as the process saw
it), and a second request on the warm process for comparison.
"""
import json
import statistics
import subprocess
import sys
import time

import requests

from benchmarks.cold_start import child_env
from benchmarks.harness import ROOT, free_port, local_store
from benchmarks.serve import settings_env

PROBE = """
import json, sys, time
started = time.perf_counter()
import miniprogram_api.lambda_entry as entry
imported = time.perf_counter() - started
from wsgiref.simple_server import WSGIRequestHandler, make_server
class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass
server = make_server("127.0.0.1", int(sys.argv[1]), entry.app, handler_class=Quiet)
print(json.dumps({"import_s": imported}), flush=True)
server.serve_forever()
"""


def one_start(env: dict) -> dict:
    """Start the app, time until /api/v1/health answers, then time a second request."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/api/v1/health"
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", PROBE, str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited: {proc.stderr.read().strip()[-300:]}")
            try:
                answer = requests.get(url, timeout=10)
                break
            except requests.ConnectionError:
                time.sleep(0.005)
        first = time.perf_counter() - started
        assert answer.status_code == 200, answer.text
        again = time.perf_counter()
        assert requests.get(url, timeout=10).status_code == 200
        warm = time.perf_counter() - again
        reported = json.loads(proc.stdout.readline())
    finally:
        proc.kill()
        proc.wait()
    return {"first_response_s": first, "import_s": reported["import_s"], "warm_request_s": warm}


def measure(runs: int) -> dict:
    """Medians over `runs` fresh processes against one local store."""
    with local_store() as (settings, data_dir):
        env = child_env(**settings_env(settings, data_dir))
        samples = [one_start(env) for _ in range(runs)]
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}
