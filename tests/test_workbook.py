"""The Excel workbook of all tables: it opens, holds every table row for row, describes every
column, never holds a formula, and its bytes depend only on the data."""
from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest

from prisons import paths, report
from prisons.book import downloads, workbook, zips
from prisons.evidence import schema
from tests.helpers import read_table, write_table


@pytest.fixture(scope="module")
def offered():
    return downloads.files()


@pytest.fixture(scope="module")
def book(offered):
    return openpyxl.load_workbook(io.BytesIO(offered[report.WORKBOOK_NAME][1]))


def _csv_rows(name):
    """The table as it is in data/ (the CSV downloads may carry a leading ' the workbook needs not)."""
    return list(csv.reader(io.StringIO((paths.DATA / paths.TABLE_FILES[name]).read_text(encoding="utf-8"), newline="")))


def _shown(value) -> str:
    """A cell as the CSV writes it: numbers without a trailing .0, empty cells empty."""
    if value is None:
        return ""
    return str(value)


def test_every_table_is_a_sheet_row_for_row(book):
    assert book.sheetnames == ["README", *paths.TABLE_FILES]
    for name in paths.TABLE_FILES:
        expected = _csv_rows(name)
        sheet = [[_shown(c) for c in row] for row in book[name].iter_rows(values_only=True)]
        assert len(sheet) == len(expected) >= 1, name
        assert sheet == [[cell for cell in row] for row in expected], name


def test_number_columns_are_numbers_and_the_rest_text(book):
    kinds = {c.name: c.kind for c in schema.TABLES["figures"].columns}
    header = [c.value for c in book["figures"][1]]
    for row in book["figures"].iter_rows(min_row=2):
        for title, cell in zip(header, row):
            if cell.value is not None:
                assert (cell.data_type == "n") == (kinds[title] in workbook.NUMBER_KINDS), (title, cell.value)


def test_readme_describes_every_column_and_the_licence(book):
    rows = [tuple(c or "" for c in row) for row in book["README"].iter_rows(values_only=True)]
    described = {(sheet, column) for sheet, column, _ in rows[6:]}
    for name in paths.TABLE_FILES:
        assert {(name, c.name) for c in schema.TABLES[name].columns} <= described, name
    assert any(report.DATA_LICENCE["path"] in text for row in rows for text in row)


def test_no_cell_is_a_formula_even_when_it_looks_like_one():
    hostile = '=HYPERLINK("http://example.invalid","x")'
    quoted = hostile.replace('"', '""')
    text = ("source_id,file,publisher,title,url,published,published_note,kind,licence,sha256\n"
            f'a,a.txt,"{quoted}",+1,@SUM(A1),2020,-2+3,"=1+1",,\n')
    book = openpyxl.load_workbook(io.BytesIO(workbook.workbook_bytes({"sources": text}, report.record())))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert hostile in [c.value for c in cells]
    assert cells and all(c.data_type != "f" for c in cells)


def test_a_quote_that_looks_like_a_formula_is_as_written_in_the_workbook_and_neutralized_in_the_csv(data_copy):
    header, rows = read_table(data_copy / "figures.csv")
    rows[0]["quote"] = "=1+1 and more"
    write_table(data_copy / "figures.csv", header, rows)
    offered = downloads.files(data_copy)
    assert list(csv.DictReader(io.StringIO(offered["figures.csv"][1].decode("utf-8"))))[0]["quote"] == "'=1+1 and more"
    sheet = openpyxl.load_workbook(io.BytesIO(offered[report.WORKBOOK_NAME][1]))["figures"]
    cell = sheet.cell(row=2, column=header.index("quote") + 1)
    assert (cell.value, cell.data_type) == ("=1+1 and more", "s")


def test_a_control_character_is_shown_as_the_replacement_character():
    text = "source_id,file,publisher\na,a.txt,\"nul\x00here\tand\x1b\"\n"
    book = openpyxl.load_workbook(io.BytesIO(workbook.workbook_bytes({"sources": text}, report.record())))
    assert book["sources"]["C2"].value == "nul\ufffdhere\ufffdand\ufffd"


def test_real_workbook_has_no_formula(book):
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)


def test_same_data_same_bytes(offered):
    assert downloads.files()[report.WORKBOOK_NAME][1] == offered[report.WORKBOOK_NAME][1]
    assert book_date(offered) == report.record()["date-released"]
    with zipfile.ZipFile(io.BytesIO(offered[report.WORKBOOK_NAME][1])) as archive:
        assert {member.date_time for member in archive.infolist()} == {zips.FIXED_TIME}


def book_date(offered) -> str:
    loaded = openpyxl.load_workbook(io.BytesIO(offered[report.WORKBOOK_NAME][1]))
    assert loaded.properties.created == loaded.properties.modified
    return loaded.properties.modified.date().isoformat()
