"""Excel sheets of the ranking and of one deputy's archive (openpyxl via excel_io)."""
from functions.identity.access import require_staff
from functions.shared.excel_io import write_sheet
from . import archive, ranking
from .messages import KIND_NAMES, SOURCE_NAMES, STATUS_NAMES
from .rules import KINDS

MAX_PAGES = 50  # 5000 deputies at 100 a page: more than any county has


def ranking_rows(*, actor: dict, year, filters: dict | None = None, now) -> list[dict]:
    """Every row of the office's ranking, page after page (for the export)."""
    actor = require_staff(actor, "office", "admin")
    rows, cursor = [], None
    for _ in range(MAX_PAGES):
        page = ranking.page(actor=actor, region_id=actor["region_id"], year=year,
                            limit=100, cursor=cursor, now=now, **(filters or {}))
        rows += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    return rows


def ranking_xlsx(rows: list[dict]) -> bytes:
    header = ["名次", "代表", "层级", "代表小组", "联络站", "总积分",
              *[KIND_NAMES[k] for k in KINDS]]
    return write_sheet("履职排名", header, (
        [r["rank"], r["deputy"]["name"], r["deputy"]["level"], r["deputy"]["group"],
         r["deputy"]["station"], r["points"], *[r["counts"][k] for k in KINDS]]
        for r in rows), widths=[6, 12, 10, 18, 18, 8, 10, 10, 10, 10, 10])


def archive_xlsx(*, actor: dict, deputy_id: str, year, now) -> tuple[dict, bytes]:
    """The office's archive of one deputy and year as a sheet of its records."""
    require_staff(actor, "office", "admin")
    data = archive.archive(actor=actor, deputy_id=deputy_id, year=year, now=now)
    header = ["日期", "类别", "标题", "地点", "来源", "状态", "积分", "内容"]
    rows = ([r["date"], KIND_NAMES[r["kind"]], r["title"], r["place"],
             SOURCE_NAMES[r["source"]], STATUS_NAMES[r["status"]], r["points"], r["content"]]
            for r in data["records"])
    title = "本届履职档案" if data["year"] == "term" else f"{data['year']}年履职档案"
    return data, write_sheet(title, header, rows,
                             widths=[12, 10, 30, 16, 10, 8, 6, 40])
