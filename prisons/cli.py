"""Command line: ``python -m prisons check`` validates the data and audits every number."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m prisons")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate the data tables and audit every number in the sources")
    check_parser.add_argument("--data", type=Path, default=paths.DATA, help="data folder (default: data/)")
    args = parser.parse_args(argv)
    return check(args.data)
