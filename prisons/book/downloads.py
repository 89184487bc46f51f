"""The files the book offers for download, written into the built book's ``downloads/`` folder.

The data tables and ``datapackage.json`` are copied as they are in ``data/``, except that a cell a
spreadsheet would read as a formula gets a leading ``'`` (OWASP's CSV-injection practice; ``make
check`` refuses such cells outside verbatim quotes, so in checked data only a quote can need it,
and a table that needs none is offered byte for byte). The tables are offered in one Excel
workbook too (``workbook``), from the tables as they are: its cells are text, never formulas, so
need no apostrophe. The citation files are generated from
``CITATION.cff``; the licences come along so a download stands alone. The replication package
(``replication``) is written beside them.
"""
from __future__ import annotations

from pathlib import Path

from .. import paths, report
from ..evidence import hygiene, registry, schema
from . import cite, replication, site, workbook


def files(data_dir: Path = paths.DATA) -> dict[str, tuple[str, bytes]]:
    """Each download by file name: what it is, and its bytes."""
    record = report.record()
    tables = {name: (data_dir / file_name).read_bytes() for name, file_name in paths.TABLE_FILES.items()}
    offered = {file_name: (f"{schema.TABLES[name].title}: {schema.TABLES[name].description}",
                           hygiene.spreadsheet_safe(tables[name]))
               for name, file_name in paths.TABLE_FILES.items()}
    csv_texts = {name: table.decode("utf-8") for name, table in tables.items()}
    offered[report.WORKBOOK_NAME] = ("Every table above in one Excel workbook, one sheet each, with a README sheet "
                                     "describing every column and the licence", workbook.workbook_bytes(csv_texts, record))
    offered[paths.DATAPACKAGE_FILE] = ("Frictionless Data Package: every table's columns, types, constraints and "
                                       "descriptions, the licence and the sources", (data_dir / paths.DATAPACKAGE_FILE).read_bytes())
    described = {"citation.bib": "The report's citation in BibTeX", "citation.json": "The report's citation in CSL-JSON",
                 paths.CITATION.name: "The citation record (Citation File Format)"}
    for name, text in cite.files(record).items():
        offered[name] = (described[name], text.encode("utf-8"))
    for path, what in ((paths.ROOT / "LICENSE", "Licence of the code (MIT)"),
                       (paths.ROOT / "LICENSE-DATA.md", "Licence of the text and data (CC BY 4.0)")):
        offered[path.name] = (what, path.read_bytes())
    for archived in registry.registered_sources(data_dir):
        offered[f"{paths.SOURCES_SUBDIR}/{archived.name}"] = (
            "An archived source text, byte for byte (its sha256 is in sources.csv); its publisher's, not under "
            "this report's licence", archived.read_bytes())
    return offered


# Offered too, but made by other steps: the PDF edition (make pdf), the book as one zip and its checksum,
# and the replication package (written by ``write`` itself, after the cleanup).
MADE_ELSEWHERE = {report.PDF_NAME, report.ZIP_NAME, report.ZIP_NAME + ".sha256", report.REPLICATION_NAME}


def write(html_root: Path) -> Path:
    """Write exactly the downloads offered: unchanged files are left alone, and a file no longer
    offered (a withdrawn table or source) is removed, with its precompressed copies."""
    folder = Path(html_root) / site.DOWNLOADS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    offered = files()
    for name, (_, content) in offered.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != content:
            target.write_bytes(content)
    replication.write(folder)
    keep = set(offered) | MADE_ELSEWHERE
    for path in sorted(folder.rglob("*"), reverse=True):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name.removesuffix(".gz").removesuffix(".br") not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return folder
