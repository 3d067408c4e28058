"""One Excel sheet of cases, whichever way they were chosen (the reports page's period, the
全部诉求 list's filters): the facts, the answer, the close date and each stage's deadline as
its last day with 按时 / 逾期.

Written row by row into a write-only workbook; at most MAX_ROWS rows, then a last row says
the rest was left out and asks for a narrower choice. Contact phones stay out of the file.
"""
from datetime import datetime
from typing import Iterable

from functions.cases.stage_times import answer_of, closed_at, stages
from functions.notifications.code_names import (DEADLINE_NAMES, RATING_NAMES, STATUS_NAMES,
                                                TYPE_NAMES)
from functions.org import calendar as official_calendar
from functions.org.regions import cached_region, categories_of
from functions.shared import excel_io
from functions.shared.moments import last_day_text, local_time

MAX_ROWS = 5000
STAGE_ORDER = ("accept", "consultation_answer", "assign", "sign", "answer")
HEADER = ["编号", "提交时间", "类别", "类型", "状态", "内容", "代表", "承办单位", "答复内容",
          "答复时间", "办结时间", "评价", "逾期", "退回重办次数"] + [
    f"{DEADLINE_NAMES[name]}{part}" for name in STAGE_ORDER for part in ("期限", "是否按时")]
WIDTHS = [22, 18, 12, 10, 12, 50, 10, 20, 50, 18, 18, 10, 6, 8] + [22, 10] * len(STAGE_ORDER)
LEFT_OUT = "仅导出前 {limit} 条；其余未导出，请缩小范围（如状态、类别或日期）后再导出。"


def _on_time_text(value) -> str:
    return {True: "按时", False: "逾期"}.get(value, "")


def case_row(case: dict, *, categories: dict, now: datetime, entered) -> list:
    """One sheet row of a case."""
    answer = answer_of(case) or {}
    by_stage = {row["name"]: row for row in stages(case, now=now, entered=entered)}
    cells = [case["id"], local_time(case["created_at"]),
             categories.get(case["category"], case["category"]),
             TYPE_NAMES.get(case["type"], case["type"]),
             STATUS_NAMES.get(case["status"], case["status"]), case["content"],
             case.get("deputy_name") or "", case.get("unit_name") or "",
             answer.get("note") or "", local_time(answer.get("at")),
             local_time(closed_at(case)),
             RATING_NAMES.get((case.get("rating") or {}).get("rating"), ""),
             "是" if case.get("overdue") else "否", int(case.get("rehandle_count") or 0)]
    for name in STAGE_ORDER:
        row = by_stage.get(name)
        cells += [last_day_text(row["deadline"], with_year=True) if row else "",
                  _on_time_text(row["on_time"]) if row else ""]
    return cells


def write(cases: Iterable[dict], *, region_id: str, now: datetime) -> tuple[bytes, dict]:
    """(the .xlsx of `cases`, {"rows", "left_out"}); reads at most MAX_ROWS + 1 cases."""
    categories = {c["id"]: c["name"] for c in categories_of(cached_region(region_id))}
    entered = official_calendar.in_force(region_id)
    counted = {"rows": 0, "left_out": False}

    def rows():
        for case in cases:
            if counted["rows"] == MAX_ROWS:
                counted["left_out"] = True
                yield [LEFT_OUT.format(limit=MAX_ROWS)]
                return
            counted["rows"] += 1
            yield case_row(case, categories=categories, now=now, entered=entered)
    return excel_io.write_sheet("诉求", HEADER, rows(), widths=WIDTHS), counted
