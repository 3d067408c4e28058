"""Bulk import of deputies from an Excel sheet: every row checked first, then all written.

Nothing is written while any row has a problem; the report names each bad row and cell
so the office can fix the sheet and upload it again.
"""
from functions import deputies
from functions.shared import excel_io
from functions.identity.access import require_staff
from functions.org.categories import DEPUTY_LEVELS
from functions.shared.errors import Conflict
from functions.shared.person_identity import normal_name, normal_phone
from functions.shared.validation import MOBILE
from functions.notifications.code_names import LEVEL_NAMES

# Column headers as the template has them; the level column takes 县级 or county alike.
COLUMNS = {"name": "姓名", "phone": "手机号", "level": "层级", "station": "联络站",
           "group": "代表小组"}
_LEVEL_ALIASES = {**{v: k for k, v in LEVEL_NAMES.items()}, **{k: k for k in DEPUTY_LEVELS},
                  "省": "provincial", "市": "city", "县": "county", "乡镇": "township",
                  "区级": "county", "乡级": "township", "镇级": "township"}
LIMITS = {"name": 20, "station": 40, "group": 40}


def template_bytes() -> bytes:
    """An empty sheet with the right headers and one example row."""
    return excel_io.write_sheet("代表名单", list(COLUMNS.values()),
                                [["张三", "13800000000", "县级", "城关镇代表联络站", "城关镇代表小组"]],
                                widths=[12, 16, 10, 24, 24])


def check_rows(data: bytes) -> tuple[list[dict], list[dict]]:
    """(deputies to create, problems); each problem `{row, field, value, problem,
    other_row?, limit?}`: `value` is the cell as typed, for the report."""
    header, rows = excel_io.read_rows(data)
    positions = {field: header.index(title) for field, title in COLUMNS.items()
                 if title in header}
    missing = [f for f in ("name", "phone", "level") if f not in positions]
    if missing:
        return [], [{"row": 1, "field": f, "problem": "missing_column"} for f in missing]
    if not rows:
        return [], [{"row": 2, "field": "name", "problem": "no_rows"}]
    good, problems, phones = [], [], {}
    for number, texts in rows:
        typed = {f: (texts[i] if i < len(texts) else "") for f, i in positions.items()}
        cell = {**typed, "name": normal_name(typed["name"]),
                "phone": normal_phone(typed["phone"])}
        found = _row_problems(cell)
        phone = cell["phone"]
        if phone and phone in phones:
            found.append({"field": "phone", "problem": "duplicate", "other_row": phones[phone]})
        phones.setdefault(phone, number)
        problems.extend({"row": number, "value": typed.get(p["field"], ""), **p}
                        for p in found)
        good.append({"row": number, "name": cell["name"], "phone": phone,
                     "level": _LEVEL_ALIASES.get(cell["level"]),
                     "station": cell.get("station") or None, "group": cell.get("group") or None})
    return (good if not problems else []), problems


def _row_problems(cell: dict) -> list[dict]:
    found = []
    for field in ("name", "phone", "level"):
        if not cell.get(field):
            found.append({"field": field, "problem": "required"})
    for field, limit in LIMITS.items():
        if len(cell.get(field) or "") > limit:
            found.append({"field": field, "problem": "too_long", "limit": limit})
    if cell.get("phone") and not MOBILE.match(cell["phone"]):
        found.append({"field": "phone", "problem": "invalid"})
    if cell.get("level") and cell["level"] not in _LEVEL_ALIASES:
        found.append({"field": "level", "problem": "invalid"})
    return found


def import_deputies(*, actor: dict, data: bytes) -> dict:
    """`{"created", "existing", "problems"}`; nothing is created while problems is not
    empty; a row naming a deputy already registered (same name and phone) is skipped
    and listed in `existing` with its row, so importing a sheet twice is harmless."""
    actor = require_staff(actor, "admin", "office")
    rows, problems = check_rows(data)
    if problems:
        return {"created": [], "existing": [], "problems": problems}
    created, existing = [], []
    for row in rows:
        number = row.pop("row")
        try:
            created.append(deputies.register_deputy(region_id=actor["region_id"], **row))
        except Conflict as exc:
            if "existing" not in exc.fields:
                raise
            existing.append({"row": number, "deputy": exc.fields["existing"]})
    return {"created": created, "existing": existing, "problems": []}


def export_bytes(items: list[dict]) -> bytes:
    """The deputies as the import template has them, plus entry code and state."""
    header = [*COLUMNS.values(), "入口码", "已绑定微信", "状态"]
    rows = [[d["name"], d["phone"], LEVEL_NAMES.get(d["level"], d["level"]),
             d.get("station") or "", d.get("group") or "", d["entry_code"],
             "是" if d.get("bound") else "否", "在任" if d.get("active") else "已停用"]
            for d in items]
    return excel_io.write_sheet("代表名单", header, rows, widths=[12, 16, 10, 24, 24, 12, 10, 8])
