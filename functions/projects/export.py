"""The evaluation results of a round as an Excel sheet (one row per project and pass)."""
from functions.shared import excel_io
from . import people, repository
from .messages import EXPORT_HEADER


def _rate(value) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def evaluation_sheet(*, actor: dict, round_id: str) -> tuple[str, bytes]:
    """(file name, .xlsx bytes) for the region's staff."""
    round_item = repository.get_round(round_id)
    people.region_staff(actor, round_item.region_id)

    def rows():
        for project in repository.projects_of_round(round_id):
            for result in project.evaluations or [{"pass": "", "ratings": {}}]:
                counts = result.get("ratings") or {}
                yield [project.title, project.unit_name or "", int(project.percent or 0),
                       result["pass"], counts.get("satisfied", 0),
                       counts.get("basically_satisfied", 0), counts.get("unsatisfied", 0),
                       _rate(result.get("rate")),
                       "是" if result.get("rate") is not None and result["rate"] < 0.6 else ""]
    data = excel_io.write_sheet("满意度测评", EXPORT_HEADER, rows(),
                                widths=[30, 20, 8, 8, 6, 8, 6, 8, 10])
    return f"evaluation-{int(round_item.year)}-{round_id}.xlsx", data
