"""Publishing (issue 26): the GitHub Pages workflow builds with the Makefile's own targets at the
published address and deploys what they build, with actions pinned by commit and the least
permissions; zizmor (from PyPI, offline) finds nothing in it; the README says how to publish."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

from prisons import paths

WORKFLOW = paths.ROOT / ".github" / "workflows" / "pages.yml"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def test_zizmor_finds_nothing_in_the_workflows():
    zizmor = Path(shutil.which("zizmor", path=str(paths.ROOT / ".venv" / "bin")) or "zizmor")
    linted = subprocess.run([str(zizmor), "--offline", "--no-progress", str(WORKFLOW.parent)], capture_output=True,
                            text=True, timeout=120)
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_every_action_is_pinned_by_commit():
    uses = [step["uses"] for job in workflow()["jobs"] for step in steps(job) if "uses" in step]
    assert len(uses) == 3
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action


def test_least_permissions():
    flow = workflow()
    assert flow["permissions"] == {}
    assert flow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = next(s for s in steps("build") if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_it_builds_with_the_makefiles_targets_at_the_address_and_deploys_that_build():
    build = steps("build")
    runs = "\n".join(step.get("run", "") for step in build)
    assert re.search(r"^\s*make book pdf\s*$", runs, re.MULTILINE)
    assert "export SITE_URL" in runs
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_build/html" == paths.relative(paths.HTML)


def test_the_readme_says_how_to_publish():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Publish", 1)[1].split("\n## ", 1)[0]
    for words in (".github/workflows/pages.yml", "make book pdf", "SITE_URL", "CITATION.cff", "contact"):
        assert words in section, words
