"""Cold start: how long importing each Lambda entry point takes, against a fixed yardstick.

Each figure is the median of several fresh interpreters timing one `import` (interpreter
start-up excluded). The yardstick, measured in the same run, is importing all of flask,
boto3, pynamodb, wechatpy, aliyunsdkcore and qrcode; a ratio below 1 means the entry point
loads less than the heavy libraries together would. The API handler must stay well below:
it imports the WeChat and SMS clients only when a request needs them.

    python benchmarks/cold_start.py [--runs 5]    # prints a table, writes benchmarks/results/
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
YARDSTICK = ("flask", "boto3", "pynamodb", "wechatpy", "aliyunsdkcore", "qrcode")
ENTRY_POINTS = {
    "API handler (miniprogram_api.lambda_entry)": "miniprogram_api.lambda_entry",
    "reminders (functions.cases.sweep)": "functions.cases.sweep",
    "notify (functions.notifications.drain)": "functions.notifications.drain",
    "reconcile (functions.reporting.recount)": "functions.reporting.recount",
}
WATCHED = ("wechatpy", "aliyunsdkcore", "qrcode", "PIL", "boto3", "openpyxl", "jieba")
PROBE = """
import json, sys, time
started = time.perf_counter()
for name in sys.argv[1:]:
    __import__(name)
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed,
                  "loaded": [m for m in %r if m in sys.modules]}))
""" % (WATCHED,)


def measure(modules, runs):
    """Median import time of `modules` over `runs` fresh interpreters, and what they loaded."""
    env = {**os.environ, "PYTHONPATH": ROOT, "AWS_REGION": "cn-north-1"}
    samples, loaded = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PROBE, *modules], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        samples.append(result["seconds"])
        loaded = result["loaded"]
    return statistics.median(samples), loaded


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    subprocess.run([sys.executable, "-c", "import " + ", ".join(YARDSTICK)], cwd=ROOT,
                   check=True)  # one warm-up so no figure pays for writing .pyc files
    base, loaded = measure(YARDSTICK, args.runs)
    rows = [{"module": "yardstick: all six libraries", "seconds": base, "ratio": 1.0,
             "loaded": loaded}]
    for label, module in ENTRY_POINTS.items():
        try:
            seconds, loaded = measure([module], args.runs)
        except subprocess.CalledProcessError as exc:
            rows.append({"module": label, "error": exc.stderr.strip().splitlines()[-1]})
            continue
        rows.append({"module": label, "seconds": seconds, "ratio": seconds / base,
                     "loaded": loaded})
    print(f"{'module':<48} {'import s':>9} {'ratio':>6}  heavy modules loaded")
    for row in rows:
        if "error" in row:
            print(f"{row['module']:<48} {'error':>9} {'':>6}  {row['error']}")
        else:
            print(f"{row['module']:<48} {row['seconds']:>9.3f} {row['ratio']:>6.2f}  "
                  f"{', '.join(row['loaded']) or '-'}")
    report = {"benchmark": "cold_start", "runs": args.runs,
              "at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "python": platform.python_version(), "machine": platform.machine(),
              "cpus": os.cpu_count(), "rows": rows}
    from benchmarks.harness import write_json  # BENCH_OUT, like every other benchmark
    write_json("cold_start", report)
    return 1 if any("error" in row for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
