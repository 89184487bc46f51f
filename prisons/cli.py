"""Command line: ``python -m prisons check`` validates the data and audits every number;
``python -m prisons pdf`` prints the book to one PDF."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths, pdf
from .load import DataError, load_evidence


def check(data_dir: Path) -> int:
    """Print one line per problem and return 1, or a one-line summary and return 0."""
    try:
        evidence = load_evidence(data_dir)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"check failed: {len(error.problems)} problem(s) in {paths.relative(data_dir)}", file=sys.stderr)
        return 1
    tables = [evidence.sources, evidence.figures, evidence.events, evidence.claims, evidence.not_figures]
    covered = ", ".join(f"{count} by {kind}" for kind, count in evidence.coverage.items())
    print(f"check passed: {len(tables)} tables, {sum(len(t) for t in tables)} rows "
          f"({len(evidence.figures)} figures), {evidence.numbers_audited} numbers audited ({covered})")
    return 0


def print_pdf(site: Path, target: Path, downloads: Path | None) -> int:
    """Print the singlehtml build to one PDF and say where it went, or why it could not."""
    try:
        printed = pdf.make_pdf(site, target, downloads)
    except pdf.PrintError as error:
        print(f"pdf failed: {error}", file=sys.stderr)
        return 1
    print(pdf.summary(printed))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m prisons")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate the data tables and audit every number in the sources")
    check_parser.add_argument("--data", type=Path, default=paths.DATA, help="data folder (default: data/)")
    pdf_parser = commands.add_parser("pdf", help="print the singlehtml build of the book to one PDF (make pdf builds it first)")
    pdf_parser.add_argument("--site", type=Path, default=pdf.SINGLEHTML, help="singlehtml build (default: _build/singlehtml/)")
    pdf_parser.add_argument("--out", type=Path, default=pdf.PDF_PATH, help=f"PDF to write (default: _build/pdf/{pdf.PDF_NAME})")
    pdf_parser.add_argument("--downloads", type=Path, default=pdf.DOWNLOADS,
                            help="folder of the html book to copy the PDF into (default: _build/html/downloads/)")
    args = parser.parse_args(argv)
    if args.command == "pdf":
        return print_pdf(args.site, args.out, args.downloads)
    return check(args.data)
