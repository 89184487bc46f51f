"""The environment the book runs in: installed from requirements.txt alone (``pip install --no-deps``),
so the lock must hold every package the others need, and nothing that slows every chapter down."""
from __future__ import annotations

import re
import subprocess
import sys

from prisons import paths

REQUIREMENTS = paths.ROOT / "requirements.txt"


def pins() -> dict[str, str]:
    lines = [line for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    found = dict(line.split("==") for line in lines)
    assert len(found) == len(lines), "every line of requirements.txt pins one package with =="
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in found.items()}


def test_every_package_the_installed_ones_need_is_installed():
    """With --no-deps pip installs only the lock: a package missing from it shows here."""
    checked = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_grammar_jsonschema_would_build_on_every_import_is_not_installed():
    assert "rfc3987-syntax" not in pins() and "lark" not in pins()
    imported = subprocess.run([sys.executable, "-c", "import sys, altair; print('rfc3987_syntax' in sys.modules)"],
                              capture_output=True, text=True, check=True)
    assert imported.stdout.strip() == "False"
