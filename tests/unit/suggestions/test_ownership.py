"""Only the suggestions package reads or writes its items (the web layer touches none)."""
import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[3]


def test_no_module_outside_the_package_imports_the_suggestion_items():
    importers = []
    for package in ("functions", "miniprogram_api"):
        for path in (ROOT / package).rglob("*.py"):
            if "suggestions" in path.relative_to(ROOT / package).parts[:1]:
                continue
            tree = ast.parse(path.read_text("utf-8"))
            if any(isinstance(node, ast.ImportFrom) and node.module and
                   node.module.startswith("functions.suggestions.items")
                   for node in ast.walk(tree)):
                importers.append(str(path.relative_to(ROOT)))
    assert importers == []
