"""What every benchmark shares: its own dynalite, a configured table, the demo region,
and the results printed as a table and written as JSON to benchmarks/results/
(or BENCH_OUT)."""
import contextlib
import json
import os
import tempfile
import uuid

from functions.shared.config import load_settings
from functions.storage.connection import configure, ensure_table
from infra import store_server
from infra.store_server import free_port  # noqa: F401 (benchmarks import it from here)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.environ.get("BENCH_OUT") or os.path.join(ROOT, "benchmarks", "results")
# Main just before the write-path work of issue 18 (delivery inside the request, one waitress
# process): the "before" that store_calls and load measure in the same run as this tree.
# `git merge-base HEAD main` would be this very commit once the work is on main.
BASELINE_REV = "eb0ac81644a94e944b0d3b7d375b3428c9e48967"
# Main just before issue 18's first merge (f22c9fb, gunicorn workers): `make run` served one
# waitress process of 8 threads and delivered notifications inside the request, the "today's
# throughput" (~42 req/s) of its goal 4. BASELINE_REV already serves with gunicorn.
LOAD_BASELINE_REV = "c5aa77d0243e50335d36b368388d45d018f70c9a"


def bench_settings(store_port: int, data_dir: str, **extra):
    return load_settings({"STORE_PORT": str(store_port), "DATA_DIR": data_dir,
                          "TABLE_NAME": f"bench-{uuid.uuid4().hex[:8]}",
                          "SECRET_KEY": "bench-secret", "PASSWORD_HASH_COST": "fast",
                          # simulated citizens submit far more than real ones may
                          "CASES_PER_HOUR": "100000", "CASES_PER_DAY": "100000", **extra})


@contextlib.contextmanager
def local_store(persistent: bool = False, **extra):
    """A fresh dynalite on a free port with an empty table; yields (settings, data dir).
    `extra`: more settings (environment names), e.g. DELIVERY."""
    with tempfile.TemporaryDirectory(prefix="mashangban-bench-") as data_dir:
        port = free_port()
        path = os.path.join(data_dir, "dynalite") if persistent else None
        proc = store_server.start(port, path)
        try:
            settings = bench_settings(port, data_dir, **extra)
            open_table(settings)
            yield settings, data_dir
        finally:
            store_server.stop(proc)


def open_table(settings) -> None:
    """Point everything at `settings`' table, creating it if absent; no stale region (or
    last-read duty rules) copy."""
    from functions.duty import rules_cache
    from functions.org import regions
    configure(settings)
    ensure_table()
    regions.forget_cached()
    rules_cache.forget_cached()


def seeded_table(settings) -> dict:
    """`open_table`, then the demo region in it (what `seed` returns)."""
    open_table(settings)
    return seed()


def seed():
    """The demo region: staff admin/office/unit1, three deputies, units."""
    from functions.duty import rules_cache
    from functions.org import regions
    from infra import seed as demo
    regions.forget_cached()
    rules_cache.forget_cached()
    return demo.seed_demo()


def print_table(title: str, columns: list[str], rows: list[list]) -> None:
    cells = [[str(c) for c in columns]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    print(f"\n{title}")
    for n, row in enumerate(cells):
        print("  ".join(v.ljust(w) if i == 0 else v.rjust(w)
                        for i, (v, w) in enumerate(zip(row, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}" if value >= 10 else f"{value:.2f}"
    return "-" if value is None else str(value)


def write_json(name: str, data) -> str:
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, f"{name}.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2, default=str)
    print(f"\nwritten to {path}")
    return path
