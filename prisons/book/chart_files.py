"""Each chart's PNG (twice the size, for slides), SVG and data (CSV), written at the end of a
build into the book's ``charts/`` folder under the chart's id, which the download links beside
the chart name; and the loader script and styles, on the pages that have charts.

The charts are read back from the executed notebooks (``jupyter_execute/<page>.ipynb``), which
myst-nb writes whether a page ran or came from the cache, so every build sees every chart: the
SVG is the static picture the notebook drew, the PNG is drawn from it, the CSV from the spec.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .. import chart_output
from . import site

LOADER_JS = "charts.js"
LOADER_CSS = "charts.css"
# A text cell a spreadsheet would run as a formula is written with a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ChartIdClash(ValueError):
    """Two different charts claim one id, so one's downloads would overwrite the other's."""


def add_loader(app, pagename, templatename, context, doctree) -> None:
    """The loader and its styles, only on pages that show a chart (Sphinx keeps these per page)."""
    if f'class="{chart_output.CSS_CLASS}"' in context.get("body", ""):
        app.add_js_file(LOADER_JS, loading_method="defer")
        app.add_css_file(LOADER_CSS)


def notebook_charts(notebook: Path) -> list[tuple[dict, str]]:
    """The charts (spec, static SVG) in an executed notebook's outputs."""
    found = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            found += chart_output.charts_in("".join(html) if isinstance(html, list) else html)
    return found


def book_charts(executed: Path, docnames) -> dict[str, tuple[dict, str]]:
    """Every chart in the book's pages by id; an id given to two different charts is refused."""
    charts: dict[str, tuple[dict, str]] = {}
    for docname in sorted(docnames):
        notebook = executed / f"{docname}.ipynb"
        for chart in notebook_charts(notebook) if notebook.is_file() else []:
            name = chart_output.chart_id(chart[0])
            if charts.setdefault(name, chart) != chart:
                raise ChartIdClash(f"two different charts have the id {name!r} ({docname} is one)")
    return charts


def drawn_rows(spec: dict) -> list[dict]:
    """The rows the chart draws: its own inline dataset (the top level's, else the only one)."""
    datasets = spec.get("datasets", {})
    name = (spec.get("data") or {}).get("name")
    if name not in datasets and len(datasets) == 1:
        name = next(iter(datasets))
    return datasets.get(name, [])


def _inert(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def csv_text(rows: list[dict]) -> str:
    """Rows as CSV, columns in the order first seen, no text cell a spreadsheet would run."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: _inert(value) for key, value in row.items()} for row in rows)
    return out.getvalue()


def chart_files(spec: dict, svg: str) -> dict[str, bytes]:
    """One chart's downloads by suffix."""
    return {"png": chart_output.png(svg), "svg": chart_output.check_inert(svg).encode("utf-8"), "csv": csv_text(drawn_rows(spec)).encode("utf-8")}


def write(html_root: Path, charts: dict[str, tuple[dict, str]]) -> Path:
    """Write every chart's files into ``charts/``, removing the files of charts no longer in the book."""
    folder = Path(html_root) / site.CHARTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for name, (spec, svg) in charts.items():
        for suffix, content in chart_files(spec, svg).items():
            target = folder / f"{name}.{suffix}"
            wanted.add(target)
            if not target.exists() or target.read_bytes() != content:
                target.write_bytes(content)
    for stale in set(folder.iterdir()) - wanted:
        stale.unlink()
    return folder


def write_chart_files(app, exception) -> None:
    """At the end of an HTML-like build, every chart's downloads (see ``assets``)."""
    if exception is None and app.builder.format == "html":
        executed = Path(app.outdir).parent / "jupyter_execute"
        write(Path(app.outdir), book_charts(executed, app.env.found_docs))
