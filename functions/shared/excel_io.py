"""Reading and writing .xlsx sheets with openpyxl, safely both ways.

Export: a cell that starts with = + - @ (or a tab / carriage return) would run as a
formula when the file is opened in Excel or WPS, so it is written with a leading
apostrophe and stays text (formula injection, OWASP "CSV injection").
openpyxl is imported inside the functions: it costs ~90 ms, and the API Lambda's cold
start should not pay that for a page few requests open.
"""
import io
import zipfile

from functions.shared.errors import ValidationFailed

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 5000


def neutralise(value):
    """The value as it may go into a cell: text that cannot start a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def cell_text(value) -> str:
    """What a person typed into a cell, as text: 13800000001.0 → '13800000001'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(sheet row number, cell texts)]) of the first sheet; blank rows skipped."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ValidationFailed("not an .xlsx file", {"file": "unreadable"}) from None
    sheet = book.worksheets[0]
    header, rows = [], []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        texts = [cell_text(v) for v in values]
        if not any(texts):
            continue
        if not header:
            header = texts
            continue
        rows.append((number, texts))
        if len(rows) > MAX_ROWS:
            raise ValidationFailed("too many rows", {"file": "too_many_rows"})
    book.close()
    return header, rows


def write_sheet(title: str, header: list[str], rows, widths: list[int] | None = None) -> bytes:
    """An .xlsx with one sheet: a bold header row, then `rows`, every cell neutralised."""
    from openpyxl import Workbook
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[_column(index)].width = width
    sheet.append([_bold(sheet, h) for h in header])
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _bold(sheet, text):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    cell = WriteOnlyCell(sheet, value=neutralise(text))
    cell.font = Font(bold=True)
    return cell


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(index)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
