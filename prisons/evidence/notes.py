"""Arithmetic in a figure's note ("211,000 / 85,000 is 2.48") checked against the figures.

A note is published beside its figure, so its arithmetic must not go stale: every operand must be
the value of a figure in the table as it is now, and the result must be what the operation gives,
to the precision the note writes it with.
"""
from __future__ import annotations

import operator
import re

import pandas as pd

from .problems import Problem

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
ARITHMETIC = re.compile(rf"({_NUMBER})\s*([/×*+−-])\s*({_NUMBER})\s+(?:is|=|equals)\s+(?:about\s+)?({_NUMBER})")
_OPERATIONS = {"/": operator.truediv, "×": operator.mul, "*": operator.mul, "+": operator.add,
               "−": operator.sub, "-": operator.sub}


def _read(text: str) -> float:
    return float(text.replace(",", ""))


def _decimals(text: str) -> int:
    return len(text.partition(".")[2])


def arithmetic_problems(figures: pd.DataFrame, file: str) -> list[Problem]:
    """One problem per note whose arithmetic is wrong or uses a number no figure holds."""
    values = {float(v) for v in pd.to_numeric(figures["value"].replace("", None)).dropna()}
    problems = []
    for label, note in figures["note"].items():
        for match in ARITHMETIC.finditer(note):
            left, sign, right, result = match.groups()
            for operand in (left, right):
                if _read(operand) not in values:
                    problems.append(Problem(file, f"row {label}", "note",
                                            f"{operand} in {match.group(0)!r} is not the value of any figure"))
            computed = _OPERATIONS[sign](_read(left), _read(right))
            if round(computed, _decimals(result)) != _read(result):
                problems.append(Problem(file, f"row {label}", "note",
                                        f"{match.group(0)!r} is wrong: {left} {sign} {right} is "
                                        f"{computed:.{_decimals(result)}f}"))
    return problems
