"""How the admin pages hand over an Excel file: as an attachment never cached; a sheet of
cases also says in headers how many rows it holds and whether some were left out."""
from flask import Response

from functions.shared.excel_io import XLSX_MIME


def xlsx_download(data: bytes, filename: str, counted: dict | None = None) -> Response:
    headers = {"Content-Disposition": f"attachment; filename={filename}",
               "Cache-Control": "no-store"}
    if counted is not None:
        headers["X-Rows"] = str(counted["rows"])
        if counted["left_out"]:
            headers["X-Rows-Left-Out"] = "1"
    return Response(data, mimetype=XLSX_MIME, headers=headers)
