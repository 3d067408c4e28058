"""The office's filtered list of all cases (全部诉求) as an Excel sheet: the list's filters
choose the cases, case_workbook writes them like every case export.

Read page by page (100 cases a Query, all_cases.read_page), at most one case beyond the
sheet's limit.
"""
from datetime import datetime

from functions.cases import all_cases, case_workbook


def export_bytes(*, actor: dict, args, now: datetime) -> tuple[bytes, dict]:
    """(the .xlsx, {"rows", "left_out", "filters"}) of the caller's region's cases matching
    `args`."""
    filters, cases = all_cases.find_all(actor=actor, args=args,
                                        max_rows=case_workbook.MAX_ROWS + 1)
    data, counted = case_workbook.write(cases, region_id=actor["region_id"], now=now)
    return data, {**counted, "filters": filters.query_args()}
