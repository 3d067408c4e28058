"""`make run` runs the same scheduled functions serverless.yml deploys, under their real names."""
import importlib
import pathlib
import re

from infra.run_local import SCHEDULE

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_local_schedule_runs_every_function_serverless_deploys():
    deployed = re.findall(r"handler: (\S+)\.handler", (ROOT / "serverless.yml").read_text())
    assert sorted(name for name, _ in SCHEDULE) == sorted(h.replace("/", ".") for h in deployed)


def test_every_scheduled_module_imports_and_has_a_run():
    assert all(callable(importlib.import_module(name).run) for name, _ in SCHEDULE)
