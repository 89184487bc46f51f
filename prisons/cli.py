"""Command line: ``python -m prisons check`` validates the data and audits every number;
``python -m prisons datapackage`` rewrites ``data/datapackage.json`` from the data dictionary;
``python -m prisons build`` builds both editions of the book and prints their PDFs (``make book``);
``python -m prisons lab`` starts JupyterLab
on the chapters (``make lab``)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import lab, paths, report, untrusted
from .book import build
from .evidence import DataError, Evidence, Problem, datapackage, load_evidence
from .evidence.problems import one_line


def _refused(error: untrusted.UntrustedInput) -> Problem:
    file, _, message = str(error).partition(": ")
    return Problem(file, "", "", message)


def input_problems(data_dir: Path = paths.DATA) -> list[Problem]:
    """What the book is made from besides the data, refused where it is not data: a symbolic link
    anywhere among its inputs, the citation record, the book's settings (YAML without aliases or
    tags, a known theme mode)."""
    from .book import THEME_MODES

    found = [Problem(paths.relative(link), "", "", "is a symbolic link; the book's inputs must be plain files "
                     "(put the file itself here, or remove it): none is followed into the site or the zips")
             for link in paths.symlinks(data_dir)]
    try:
        report.record()
    except untrusted.UntrustedInput as error:
        found.append(_refused(error))
    for config in (*paths.BOOK_CONFIG, *paths.FA_BOOK_CONFIG):
        if config.suffix != ".yml":
            continue
        try:
            settings = untrusted.read_yaml(config, paths.relative(config))
        except untrusted.UntrustedInput as error:
            found.append(_refused(error))
            continue
        if config.name == "_config.yml":
            mode = (((settings or {}).get("sphinx") or {}).get("config") or {}).get("html_context", {}).get("default_mode")
            if mode not in THEME_MODES:
                found.append(Problem(paths.relative(config), "", "", f"sphinx config html_context default_mode is "
                                     f"{str(mode)[:40]!r}, not one of {', '.join(THEME_MODES)}"))
    return found


def _load(data_dir: Path) -> Evidence | None:
    """The validated evidence, with every id the stories read present, or None after printing
    one line per problem."""
    from . import stories

    refused = input_problems(data_dir)
    try:
        try:
            evidence = load_evidence(data_dir)
        except DataError as error:
            raise DataError(refused + error.problems) from None
        from . import i18n

        missing = refused + stories.missing_ids_in(evidence.figures, evidence.events)
        missing += i18n.problems({name: getattr(evidence, name) for name in (*i18n.QUOTE_COLUMNS, *i18n.CELL_COLUMNS)})
        if missing:
            raise DataError(missing)
        return evidence
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(one_line(f"check failed: {len(error.problems)} problem(s) in {paths.relative(data_dir)}"), file=sys.stderr)
        return None


def check(data_dir: Path) -> int:
    """Print one line per problem and return 1, or a one-line summary and return 0."""
    evidence = _load(data_dir)
    if evidence is None:
        return 1
    package_path, package = datapackage.current(data_dir, evidence.sources)
    if not package_path.exists() or package_path.read_text(encoding="utf-8") != package:
        print(f"{paths.relative(package_path)}: is out of date with the data dictionary (prisons/evidence/schema.py) or "
              "CITATION.cff; run `python -m prisons datapackage`", file=sys.stderr)
        print(f"check failed: 1 problem(s) in {paths.relative(data_dir)}", file=sys.stderr)
        return 1
    tables = [getattr(evidence, name) for name in paths.TABLE_FILES]
    covered = ", ".join(f"{count} by {kind}" for kind, count in evidence.coverage.items())
    print(f"check passed: {len(tables)} tables, {sum(len(t) for t in tables)} rows "
          f"({len(evidence.figures)} figures, {len(evidence.corrections)} corrections), "
          f"{evidence.numbers_audited} numbers audited ({covered}), {paths.DATAPACKAGE_FILE} up to date")
    return 0


def write_datapackage(data_dir: Path) -> int:
    """Rewrite the data package, only from data that passes every check."""
    evidence = _load(data_dir)
    if evidence is None:
        return 1
    package_path, package = datapackage.current(data_dir, evidence.sources)
    package_path.write_text(package, encoding="utf-8")
    print(f"wrote {paths.relative(package_path)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m prisons")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("check", "validate the data tables and audit every number in the sources"),
                       ("datapackage", "rewrite data/datapackage.json from the data dictionary")):
        command = commands.add_parser(name, help=text)
        command.add_argument("--data", type=Path, default=paths.DATA, help="data folder (default: data/)")
    build_parser = commands.add_parser("build", help="build both editions of the book at once, print their PDFs, then put them together as one site")
    build_parser.add_argument("--edition", choices=build.EDITIONS, action="append",
                              help="build only this edition (repeat for both; the English one puts the site together)")
    build_parser.add_argument("--no-pdf", action="store_true", help="build the html only, not the PDF editions")
    lab_parser = commands.add_parser("lab", help="start JupyterLab on the chapters, on this machine only, with a token")
    lab_parser.add_argument("--port", type=int, default=lab.DEFAULT_PORT,
                            help=f"port to try first; a taken one makes it try the next (default: {lab.DEFAULT_PORT})")
    lab_parser.add_argument("--no-browser", action="store_true", help="print the address instead of opening a browser")
    args, extra = parser.parse_known_args(argv)
    if args.command == "lab":  # anything else goes to JupyterLab (`make lab ARGS=…`)
        return lab.run(args.port, open_browser=not args.no_browser, extra=extra)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "build":
        return build.build(tuple(args.edition or build.EDITIONS), with_pdf=not args.no_pdf)
    return {"check": check, "datapackage": write_datapackage}[args.command](args.data)
