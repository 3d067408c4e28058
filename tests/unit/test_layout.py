"""The package layout holds: every module imports, no import cycles, dependencies point inward."""
import ast
import importlib
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGES = ("functions", "miniprogram_api")


def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}


def _imports(name: str, path: pathlib.Path) -> set[str]:
    """Our modules that `name` imports anywhere in it, deferred imports included."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                package = package[:len(package) - node.level + 1]
                base = ".".join(package + ([node.module] if node.module else []))
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                      for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in GRAPH[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                groups.append(sorted(group))
    for name in sorted(GRAPH):
        if name not in index:
            visit(name)
    return groups


def test_every_module_imports():
    for name in sorted(MODULES):
        importlib.import_module(name)


def test_no_module_imports_itself_back_through_others():
    assert _cycles() == []


def _outside(package: str, allowed: tuple[str, ...]) -> dict:
    return {name: sorted(m for m in targets if not m.startswith(allowed))
            for name, targets in GRAPH.items()
            if name.startswith(package) and not all(m.startswith(allowed) for m in targets)}


def test_channels_are_adapters_that_never_import_use_cases():
    allowed = ("functions.shared", "functions.storage", "functions.channels")
    assert _outside("functions.channels", allowed) == {}


def test_storage_imports_only_shared_helpers():
    assert _outside("functions.storage", ("functions.shared", "functions.storage")) == {}


def test_the_use_cases_never_import_the_web_app():
    assert _outside("functions", ("functions",)) == {}


def test_asia_shanghai_is_defined_once():
    holders = [name for name, path in MODULES.items()
               if "Asia/Shanghai" in path.read_text("utf-8")]
    assert holders == ["functions.shared.moments"]


# Which capability owns each item type: only its package reads or writes it.
OWNERS = {"CaseItem": {"cases"}, "UploadItem": {"cases"}, "RegionItem": {"org"},
          "UnitItem": {"org"}, "EntryItem": {"org", "deputies"},  # a deputy's own entry code
          "StaffItem": {"identity"}, "UserItem": {"identity"}, "PhoneCodeItem": {"identity"},
          # A rate-limit window: each capability counts its own subjects in one (identity's
          # logins and codes, cases' uploads, notifications' push nonces).
          "ThrottleItem": {"identity", "cases", "notifications"},
          "DeputyItem": {"deputies"},
          # identity binds a deputy with the code (expiry, wrong-code limits, issue 12).
          "BindCodeItem": {"deputies", "identity"},
          "NotificationItem": {"notifications"}, "SmsDigestItem": {"notifications"},
          "CreditItem": {"notifications"}, "CounterItem": {"reporting"},
          "WechatSessionItem": {"channels"}, "MarkerItem": {"storage"},
          "CoUnitLinkItem": {"cases"}, "ExtensionLinkItem": {"cases"},
          "DeputyIdentityItem": {"deputies"},
          "CalendarItem": {"org"},
          **dict.fromkeys(("DutyRecordItem", "DutyTallyItem", "DutyRulesItem", "ActivityItem",
                           "ActivitySignupItem", "DutyNoticeItem"), {"duty"}),
          **dict.fromkeys(("ProjectRoundItem", "CandidateItem", "BallotItem", "EvaluationItem",
                           "ProjectItem", "ProjectCommentItem", "ProjectNoticeItem"),
                          {"projects"})}
# The modules that define items: the table's shared ones and each capability's own.
MODEL_MODULES = ("functions.storage.models", "functions.storage.notification_models",
                 "functions.duty.models", "functions.projects.models")


def _absolute(name: str, path: pathlib.Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    package = package[:len(package) - node.level + 1]
    return ".".join(package + ([node.module] if node.module else []))


def _models_used(name: str, path: pathlib.Path) -> set[str]:
    return {alias.name for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, ast.ImportFrom) and _absolute(name, path, node) in MODEL_MODULES
            for alias in node.names if alias.name.endswith("Item")} - {"BaseItem"}


def test_every_item_type_has_an_owner():
    defined = {node.name for module in MODEL_MODULES
               for node in ast.walk(ast.parse(MODULES[module].read_text("utf-8")))
               if isinstance(node, ast.ClassDef) and node.name.endswith("Item")}
    assert defined - {"BaseItem"} - set(OWNERS) == set()


def test_each_capability_touches_only_its_own_items():
    trespass = {}
    for name, path in MODULES.items():
        package = name.split(".")[1] if name.startswith("functions.") else "web"
        foreign = sorted(m for m in _models_used(name, path)
                         if package not in OWNERS.get(m, set()))
        if foreign:
            trespass[name] = foreign
    assert trespass == {}
