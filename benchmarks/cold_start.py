"""Cold start: how long importing each Lambda entry point takes, against a fixed yardstick.

Each figure is the median of several fresh interpreters timing one `import` (interpreter
start-up excluded). The yardstick, measured in the same run, is importing all of flask,
boto3, pynamodb, wechatpy, aliyunsdkcore and qrcode; a ratio below 1 means the entry point
loads less than the heavy libraries together would. The API handler must stay well below:
it imports the WeChat and SMS clients only when a request needs them. Then the time from
starting a fresh process on the API app to its first answer (benchmarks/first_response.py).

    python -m benchmarks.cold_start [--runs 5]    # prints tables, writes benchmarks/results/
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


YARDSTICK_LABEL = "yardstick: all six libraries"


def child_env(**extra) -> dict:
    """The environment of a measured interpreter: bytecode cached, as Lambda has it (the
    packages carry .pyc files); with PYTHONDONTWRITEBYTECODE inherited, our modules would
    be compiled again in every sample and the libraries' not."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": ROOT, **extra}


def sample(modules) -> dict:
    """One fresh interpreter importing `modules`: seconds, and which heavy modules it loaded."""
    env = child_env(AWS_REGION="cn-north-1")
    out = subprocess.run([sys.executable, "-c", PROBE, *modules], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(runs: int) -> list[dict]:
    """Median import time of the yardstick and each entry point; each round takes all of them
    in turn, so a busy spell of a shared machine weighs on the yardstick and the ratios alike."""
    targets = {YARDSTICK_LABEL: YARDSTICK, **{k: [m] for k, m in ENTRY_POINTS.items()}}
    samples, loaded, errors = {label: [] for label in targets}, {}, {}
    for _ in range(runs):
        for label, modules in targets.items():
            if label in errors:
                continue
            try:
                result = sample(modules)
            except subprocess.CalledProcessError as exc:
                errors[label] = exc.stderr.strip().splitlines()[-1]
                continue
            samples[label].append(result["seconds"])
            loaded[label] = result["loaded"]
    base = statistics.median(samples[YARDSTICK_LABEL])
    return [{"module": label, "error": errors[label]} if label in errors else
            {"module": label, "seconds": statistics.median(samples[label]),
             "ratio": statistics.median(samples[label]) / base, "loaded": loaded[label]}
            for label in targets]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    for modules in (YARDSTICK, *([m] for m in ENTRY_POINTS.values())):
        try:  # one warm-up each, so no figure pays for writing .pyc files
            sample(modules)
        except subprocess.CalledProcessError:
            continue  # measure() reports the error in its row
    rows = measure(args.runs)
    print(f"{'module':<48} {'import s':>9} {'ratio':>6}  heavy modules loaded")
    for row in rows:
        if "error" in row:
            print(f"{row['module']:<48} {'error':>9} {'':>6}  {row['error']}")
        else:
            print(f"{row['module']:<48} {row['seconds']:>9.3f} {row['ratio']:>6.2f}  "
                  f"{', '.join(row['loaded']) or '-'}")
    from benchmarks.first_response import measure as first_response
    started = first_response(args.runs)
    print(f"\nAPI app, process start to first /api/v1/health answer (median of {args.runs}): "
          f"{started['first_response_s'] * 1000:.0f} ms\n  of which importing the handler "
          f"(app built, store client made): {started['import_s'] * 1000:.0f} ms; a second "
          f"request: {started['warm_request_s'] * 1000:.1f} ms")
    report = {"benchmark": "cold_start", "first_response": started, "runs": args.runs,
              "at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "python": platform.python_version(), "machine": platform.machine(),
              "cpus": os.cpu_count(), "rows": rows}
    from benchmarks.harness import write_json  # BENCH_OUT, like every other benchmark
    write_json("cold_start", report)
    return 1 if any("error" in row for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
