"""Each chart's PNG (twice the size, for slides), SVG and data (CSV), written at the end of a
build into the book's ``charts/`` folder under the chart's id, which the download links beside
the chart name; and the loader script and styles, on the pages that have charts.

Each page's charts are read from its doctree when Sphinx reads the page (``doctree-read`` fires
for a notebook taken from the jupyter-cache too) and kept in the build environment, which
persists between builds, so a build that reads only the changed pages still knows every chart.
(Not the ``jupyter_execute`` notebooks: myst-nb 1.4 writes a cached notebook there without its
outputs.) The SVG is the static picture the notebook drew, the PNG is drawn from it, the CSV
from the spec.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from docutils import nodes

from .. import chart_output
from . import site

LOADER_JS = "charts.js"
LOADER_CSS = "charts.css"
ENV_ATTRIBUTE = "prisons_charts"  # on Sphinx's build environment: {docname: [(spec, svg), ...]}
# A text cell a spreadsheet would run as a formula is written with a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ChartIdClash(ValueError):
    """Two different charts claim one id, so one's downloads would overwrite the other's."""


def add_loader(app, pagename, templatename, context, doctree) -> None:
    """The loader, only on pages that show a chart (Sphinx keeps these per page); its styles are in
    the one stylesheet every page links (``slim.stylesheets``)."""
    if f'class="{chart_output.CSS_CLASS}"' in context.get("body", ""):
        app.add_js_file(LOADER_JS, loading_method="defer")


def charts_by_page(env) -> dict[str, list[tuple[dict, str]]]:
    if not hasattr(env, ENV_ATTRIBUTE):
        setattr(env, ENV_ATTRIBUTE, {})
    return getattr(env, ENV_ATTRIBUTE)


def doctree_charts(doctree) -> list[tuple[dict, str]]:
    """The charts (spec, static SVG) in a page's raw HTML, in order."""
    return [chart for node in doctree.findall(nodes.raw) if "html" in node.get("format", "").split()
            for chart in chart_output.charts_in(node.astext())]


def remember_charts(app, doctree) -> None:
    charts_by_page(app.env)[app.env.docname] = doctree_charts(doctree)


def forget_charts(app, env, docname) -> None:
    charts_by_page(env).pop(docname, None)


def book_charts(by_page: dict[str, list[tuple[dict, str]]], docnames) -> dict[str, tuple[dict, str]]:
    """Every chart in the book's pages by id; an id given to two different charts is refused."""
    charts: dict[str, tuple[dict, str]] = {}
    for docname in sorted(docnames):
        for chart in by_page.get(docname, []):
            name = chart_output.chart_id(chart[0])
            if charts.setdefault(name, chart) != chart:
                raise ChartIdClash(f"two different charts have the id {name!r} ({docname} is one)")
    return charts


class NoRows(ValueError):
    """A chart whose spec holds no dataset with the columns it says it draws: its CSV would be empty."""


def drawn_rows(spec: dict) -> list[dict]:
    """The rows the chart draws, in the columns it names (``usermeta.columns``, from
    ``charts.frame``): a chart is a layer of several datasets (its bars' rows, a capacity line's
    one row, a footer's), so the one read is the largest that holds every named column, and the
    helper columns the marks add (wrapped lines, offsets) are left out. A spec with no named
    columns: its top-level dataset, else its only one."""
    datasets = spec.get("datasets", {})
    columns = (spec.get("usermeta") or {}).get("columns")
    if columns is None:
        name = (spec.get("data") or {}).get("name")
        if name not in datasets and len(datasets) == 1:
            name = next(iter(datasets))
        return datasets.get(name, [])
    holding = [rows for rows in datasets.values() if rows and all(set(columns) <= set(row) for row in rows)]
    if not holding:
        raise NoRows(f"chart {chart_output.chart_id(spec)!r}: no dataset holds its columns {columns}")
    return [{column: row[column] for column in columns} for row in max(holding, key=len)]


def _inert(value):
    """A cell as a spreadsheet should read it: no formula run, a whole number with no ".0" (the
    spec's JSON holds 240000 as 240000.0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # as text: a column with a gap would make pandas write it as a float again
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def csv_text(rows: list[dict], lang: str = "en") -> str:
    """Rows as CSV (``charts.csv_text``), columns in the order first seen, their names in ``lang``
    as the data table beside the chart shows them, no text cell a spreadsheet would run."""
    from .. import charts  # not at the top: charts imports chart_output, which imports this package
    from ..i18n import tr

    table = pd.DataFrame(rows).astype(object).map(_inert)
    return charts.csv_text(table.rename(columns={column: tr(column, lang) for column in table.columns}))


def _lang(spec: dict) -> str:
    return (spec.get("usermeta") or {}).get("lang", "en")


def chart_files(spec: dict, svg: str, png: bool = True) -> dict[str, bytes]:
    """One chart's downloads by suffix (the PNG, the slow one, only if asked)."""
    files = {"svg": chart_output.check_inert(svg).encode("utf-8"), "csv": csv_text(drawn_rows(spec), _lang(spec)).encode("utf-8")}
    return files | ({"png": chart_output.png(svg)} if png else {})


def is_palette_png(png: bytes) -> bool:
    """Whether a PNG has a palette (colour type 3), as ``chart_output.png`` draws them: a PNG drawn
    before the palette was (a build's leftover) is drawn again even if its SVG is unchanged."""
    return png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 25 and png[25] == 3


def write(html_root: Path, charts: dict[str, tuple[dict, str]]) -> Path:
    """Write every chart's files into ``charts/``, removing the files of charts no longer in the
    book; a PNG is drawn again only when its SVG has changed (it is drawn from the SVG alone)."""
    folder = Path(html_root) / site.CHARTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for name, (spec, svg) in charts.items():
        targets = {suffix: folder / f"{name}.{suffix}" for suffix in chart_output.DOWNLOADS}
        wanted |= set(targets.values())
        unchanged = (targets["png"].exists() and targets["svg"].exists() and targets["svg"].read_bytes() == svg.encode("utf-8")
                     and is_palette_png(targets["png"].read_bytes()))
        for suffix, content in chart_files(spec, svg, png=not unchanged).items():
            if not targets[suffix].exists() or targets[suffix].read_bytes() != content:
                targets[suffix].write_bytes(content)
    for stale in set(folder.iterdir()) - wanted:
        stale.unlink()
    return folder


def write_chart_files(app, exception) -> None:
    """At the end of an HTML-like build, every chart's downloads (see ``assets``)."""
    if exception is None and app.builder.format == "html":
        write(Path(app.outdir), book_charts(charts_by_page(app.env), app.env.found_docs))
