"""The data as one Excel workbook for newsrooms: Excel misreads a UTF-8 CSV without a byte-order
mark, so the quotes' curly marks garble; a workbook has no such trouble.

One sheet per table, holding exactly the rows and columns of its CSV; a README sheet first with
the report's citation, the licence and every column's description from the data dictionary.
Number columns are written as numbers, every other cell as text, never as a formula, whatever it
begins with, and control characters shown as U+FFFD. The bytes depend only on the data: the
document's dates are the release date and every member of the zip carries the same fixed time.
"""
from __future__ import annotations

import datetime
import io
import zipfile

from .. import report
from ..fmt import printable
from ..evidence import schema
from ..evidence.read import table_text
from . import cite, zips
NUMBER_KINDS = {"number", "integer"}


def _text_cell(sheet, row: int, column: int, value: str) -> None:
    """A cell that holds ``value`` as text: openpyxl would read a leading "=" as a formula. Control
    characters are shown as U+FFFD, as the tables show them (a workbook's XML cannot hold them)."""
    cell = sheet.cell(row=row, column=column)
    cell.value = printable(value)
    cell.data_type = "s"


def _cell(sheet, row: int, column: int, value: str, kind: str) -> None:
    if kind in NUMBER_KINDS and value != "":
        number = float(value)
        sheet.cell(row=row, column=column).value = int(number) if number.is_integer() else number
    elif value != "":
        _text_cell(sheet, row, column, value)


def _readme(sheet, names, record: dict) -> None:
    licence = report.DATA_LICENCE
    lines = [[record["title"]], [f"Cite as: {cite.plain(record)}"],
             [f"Licence: {licence['title']} ({licence['name']}), {licence['path']}. The verbatim quotes remain "
              "the work of their publishers."],
             ["Each table is one sheet below, row for row the CSV of the same name."], [],
             ["Sheet", "Column", "What it holds"]]
    for name in names:
        table = schema.TABLES[name]
        lines.append([name, "", f"{table.title}: {table.description}"])
        lines += [[name, column.name, column.description] for column in table.columns]
    for row, values in enumerate(lines, start=1):
        for column, value in enumerate(values, start=1):
            _text_cell(sheet, row, column, value)


def _table_sheet(sheet, name: str, rows: list[dict[str, str]], header: list[str]) -> None:
    kinds = {column.name: column.kind for column in schema.TABLES[name].columns}
    for column, title in enumerate(header, start=1):
        _text_cell(sheet, 1, column, title)
    for row, values in enumerate(rows, start=2):
        for column, title in enumerate(header, start=1):
            _cell(sheet, row, column, values[title], kinds.get(title, "text"))
    sheet.freeze_panes = "A2"


def _fixed_zip(data: bytes) -> bytes:
    """The same zip written again by ``zips``, one fixed time for every member, so equal data give equal bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return zips.zip_bytes((member.filename, source.read(member), False) for member in source.infolist())


def workbook_bytes(csv_texts: dict[str, str], record: dict) -> bytes:
    """The workbook of the tables, by table name, each given as its CSV text."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    _readme(book.active, csv_texts, record)
    book.active.title = "README"
    for name, text in csv_texts.items():
        frame = table_text(text)
        _table_sheet(book.create_sheet(name), name, frame.to_dict("records"), list(frame.columns))
    released = datetime.datetime.fromisoformat(str(record["date-released"]))
    book.properties.created = book.properties.modified = released
    book.properties.creator = book.properties.title = record["title"]
    buffer = io.BytesIO()
    # ExcelWriter rather than save_workbook, which stamps the time of saving into docProps/core.xml.
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_zip(buffer.getvalue())
