"""docs/architecture.md stays true: every package and file it names exists."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "architecture.md").read_text("utf-8")
NAMED = sorted(set(re.findall(r"`((?:functions|miniprogram_api)/[\w/]*(?:\.py|/))`", DOC)))


def test_the_map_names_every_capability_package():
    packages = {n for n in NAMED if n.endswith("/")}
    assert {"functions/shared/", "functions/storage/", "functions/channels/",
            "functions/workflow/", "functions/org/", "functions/identity/",
            "functions/deputies/", "functions/cases/", "functions/notifications/",
            "functions/reporting/", "functions/duty/", "functions/projects/",
            "functions/suggestions/"} <= packages


def test_every_package_and_file_the_map_names_exists():
    missing = [name for name in NAMED if not (ROOT / name).exists()
               or name.endswith("/") and not (ROOT / name / "__init__.py").exists()]
    assert missing == []
