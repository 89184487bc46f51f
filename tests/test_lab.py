"""`make lab`: JupyterLab on the chapters, loopback only, with a token, calling no other host, and
every ipywidgets explorer of the Explore chapter working in it (a real browser drives it)."""
from __future__ import annotations

import ipaddress
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import jupytext
import psutil
import pytest
import requests
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from traitlets import TraitError

from prisons import explorers, lab, paths
from prisons.evidence import load_evidence
from prisons.stories import ids

STARTUP_SECONDS = 180
EXPLORE = paths.CHAPTERS / "explore.md"
GUARD = Path(__file__).parent / "offline_guard"  # its sitecustomize.py records and refuses off-machine calls


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname
    return host == "localhost" or ipaddress.ip_address(host).is_loopback


def guarded_environment(tmp: Path) -> tuple[dict[str, str], Path]:
    """The lab's environment, its state in ``tmp``, with the off-machine guard in every process."""
    log = tmp / "off-machine.log"
    env = lab.environment(state=tmp / "state")
    env.update(PYTHONPATH=str(GUARD), PRISONS_OFF_MACHINE_LOG=str(log))
    return env, log


@contextmanager
def running(argv: list[str], env: dict[str, str], log: Path, cwd: Path = paths.ROOT):
    """Run the lab in its own process group, and stop the whole group whatever happens."""
    with open(log, "w") as out:
        process = subprocess.Popen(argv, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        yield process
    finally:
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(process.pid, sig)
                process.wait(wait)
                break
            except (ProcessLookupError, subprocess.TimeoutExpired):
                continue


def address_in(log: Path) -> str:
    """The address with the token that the server prints once it listens."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        found = re.search(r"(http://127\.0\.0\.1:\d+/)lab\?token=(\S+)", log.read_text())
        if found:
            return found.group(0)
        time.sleep(0.5)
    raise AssertionError(f"the lab did not start:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def figures():
    return load_evidence(paths.DATA).figures


def test_the_explorer_offers_only_the_sources_populations_and_days(figures):
    populations, days = explorers.request_choices(figures)
    assert sorted(count for _, count in populations) == [211_000, 240_000]
    # "three months" from 25 March 2020: three 30-day months, or to 25 June (31 + 30 + 31 days)
    assert days == (90, 92)
    population, slider, item, result = explorers.request_explorer(figures).children
    assert (slider.min, slider.max, slider.value) == (90, 92, 92)
    assert population.value == 211_000 and item.value == "Masks"
    # 5,400,000 / 211,000 / 92, carrying the count's "around"
    assert result.value == "<b>around 0.278</b> masks per prisoner per day, on average"
    for impossible in (0, -5):
        slider.value = impossible
        assert slider.value == 90
        assert result.value == "<b>around 0.284</b> masks per prisoner per day, on average"  # / 90
    with pytest.raises(TraitError):
        population.value = 0


@pytest.mark.parametrize("figure_id, bad", [(ids.REQUEST_DURATION, 0), (ids.POPULATIONS[0], 0), (ids.POPULATIONS[1], -1)])
def test_the_explorer_refuses_data_that_would_offer_no_one_or_no_days(figures, figure_id, bad):
    changed = figures.copy()
    changed.loc[figure_id, "value"] = bad
    with pytest.raises(ValueError, match="positive populations and days"):
        explorers.request_choices(changed)
    with pytest.raises(ValueError):
        explorers.request_explorer(changed)


def test_guard_records_and_refuses_a_host_off_the_machine(tmp_path):
    """The guard the lab tests rely on does catch a lookup of another host (and stops it)."""
    env, log = guarded_environment(tmp_path)
    probe = "import socket\ntry:\n    socket.getaddrinfo('example.org', 80)\nexcept PermissionError:\n    print('refused')"
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "refused"
    assert "socket.getaddrinfo example.org" in log.read_text()


@pytest.mark.slow
def test_make_lab_with_its_port_taken_picks_another_and_asks_for_a_token(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        recipe = subprocess.run(["make", "-s", "-n", "lab", f"PORT={port}"], cwd=paths.ROOT, capture_output=True,
                                text=True, check=True).stdout.strip().splitlines()[-1]
        assert f"--port {port}" in recipe
        env, off_machine = guarded_environment(tmp_path)
        with running([*shlex.split(recipe), "--no-browser"], env, tmp_path / "lab.log") as process:
            address = address_in(tmp_path / "lab.log")
            base, token = address.split("lab?token=")
            assert urlsplit(base).port != port
            listening = [c.laddr for c in psutil.Process(process.pid).net_connections() if c.status == psutil.CONN_LISTEN]
            assert listening and {addr.ip for addr in listening} == {"127.0.0.1"}
            assert requests.get(f"{base}api/contents", timeout=30).status_code == 403
            assert requests.get(f"{base}api/contents", params={"token": token}, timeout=30).status_code == 200
    assert not off_machine.exists(), off_machine.read_text()


def test_make_lab_passes_extra_arguments_to_jupyterlab_and_opens_at_the_chapters():
    recipe = subprocess.run(["make", "-s", "-n", "lab", "ARGS=--no-browser --ServerApp.port_retries=3"], cwd=paths.ROOT,
                            capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    assert " ".join(recipe.split()).endswith("-m prisons lab --no-browser --ServerApp.port_retries=3"), recipe
    from prisons import cli

    started = []
    original = lab.run
    try:
        lab.run = lambda port, open_browser, extra: started.append((port, open_browser, extra)) or 0
        assert cli.main(["lab", "--no-browser", "--ServerApp.port_retries=3"]) == 0
    finally:
        lab.run = original
    assert started == [(lab.DEFAULT_PORT, False, ["--ServerApp.port_retries=3"])]
    argv = lab.command(9000, extra=["--ServerApp.port_retries=3"])
    assert f"--ServerApp.default_url=/lab/tree/{paths.CHAPTERS.name}" in argv and argv[-1] == "--ServerApp.port_retries=3"


def explorer_count() -> int:
    """How many ipywidgets explorers the Explore chapter shows: its code cells that call one."""
    notebook = jupytext.read(EXPLORE)
    calls = re.compile(r"\bexplorers\.\w+\(|\.explorer\w*\(")
    return sum(1 for cell in notebook.cells if cell.cell_type == "code" and calls.search(cell.source))


@pytest.fixture(scope="module")
def lab_in_browser(tmp_path_factory, chromium):
    """A lab on a free loopback port over a copy of the chapters (so that saving cannot touch
    them), and a page of the run's Chromium on it that records every request it makes."""
    tmp = tmp_path_factory.mktemp("lab")
    shutil.copytree(paths.CHAPTERS, tmp / "root" / paths.CHAPTERS.name)
    env, off_machine = guarded_environment(tmp)
    env["JUPYTER_TOKEN"] = token = os.urandom(16).hex()
    argv = lab.command(free_port(), root=tmp / "root", open_browser=False)
    with running(argv, env, tmp / "lab.log"):
        base = address_in(tmp / "lab.log").split("lab?token=")[0]
        page = chromium.new_page(viewport={"width": 1280, "height": 1000})
        try:
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.on("websocket", lambda websocket: requested.append(websocket.url))
            page.route(lambda url: not is_loopback(url), lambda route: route.abort())
            page.goto(f"{base}lab/tree/{paths.CHAPTERS.name}/{EXPLORE.name}?token={token}")
            yield page, requested, off_machine
        finally:
            page.close()


def shown_result(explorer) -> str:
    """What an explorer shows as its result: its HTML and output widgets, not its controls."""
    return "\n".join(explorer.locator(".widget-html, .widget-output").all_inner_texts())


def changes_result(page, explorer, move) -> bool:
    """Whether ``move`` (one action on a control) changes what the explorer shows."""
    before = shown_result(explorer)
    move()
    try:
        page.wait_for_function("([el, before]) => [...el.querySelectorAll('.widget-html, .widget-output')]"
                               ".map(e => e.innerText).join('\\n') !== before", arg=[explorer.element_handle(), before],
                               timeout=20_000)
    except PlaywrightTimeout:  # the result stayed as it was
        return False
    return True


def run_all_cells(page) -> None:
    """Run every cell from the Run menu, once the kernel is connected and idle, as a reader would."""
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
    page.wait_for_selector("#jp-main-statusbar :text('| Idle')", timeout=180_000)
    page.click(".jp-Notebook .jp-Cell >> nth=0")
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-item[data-command='runmenu:run-all']:not(.lm-mod-disabled)")


@pytest.mark.slow
def test_every_explorer_in_the_explore_chapter_works_in_jupyterlab(lab_in_browser):
    page, requested, off_machine = lab_in_browser
    run_all_cells(page)
    shown = page.locator(".jp-OutputArea-output > .jupyter-widgets")
    expected = explorer_count()
    assert expected >= 1
    page.wait_for_function(f"document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length >= {expected}",
                           timeout=180_000)
    assert shown.count() == expected
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    sliders = 0
    for index in range(expected):
        explorer = shown.nth(index)
        handles, selects = explorer.locator(".widget-slider .noUi-handle"), explorer.locator(".widget-dropdown select")
        assert handles.count() + selects.count() >= 1, f"explorer {index + 1} shows no control"
        assert shown_result(explorer).strip(), f"explorer {index + 1} shows no result"
        for handle in handles.all():
            sliders += 1
            handle.focus()
            assert changes_result(page, explorer, lambda: page.keyboard.press("Home")), "moving a slider changed nothing"
        for select in selects.all():
            options = select.locator("option").count()
            assert options >= 2
            other = (select.evaluate("s => s.selectedIndex") + 1) % options
            assert changes_result(page, explorer, lambda: select.select_option(index=other)), "a dropdown changed nothing"
    assert sliders >= 1
    assert [url for url in requested if not is_loopback(url)] == []
    assert not off_machine.exists(), off_machine.read_text()


@pytest.mark.slow
def test_jupyterlab_shows_the_numbers_the_prose_glues(lab_in_browser):
    """JupyterLab shows a {glue:md} role as written; run, the chapter's glue cell shows each name's number."""
    from prisons.stories import request, shortfall

    page, _, _ = lab_in_browser
    run_all_cells(page)
    page.wait_for_selector(".jp-OutputArea-output :text(\"The numbers this chapter's text shows\")", timeout=180_000)
    evidence = load_evidence()
    values = request.results(evidence.figures) | shortfall.results(evidence.figures, evidence.events)
    shown = page.locator(".jp-OutputArea-output table").first.inner_text()
    for name in ("benchmark", "mask_coverage"):
        assert name in shown and values[name].text in shown, name


@pytest.mark.slow
def test_the_days_slider_stops_at_its_lowest_reading(lab_in_browser):
    """In the page too, the days cannot be pushed below the shortest reading of "three months"."""
    page, _, _ = lab_in_browser
    explorer = page.locator(".jp-OutputArea-output > .jupyter-widgets").first
    handle = explorer.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for key in ("Home", "ArrowLeft", "PageDown", "ArrowDown"):
        page.keyboard.press(key)
    lowest = handle.get_attribute("aria-valuemin")
    assert float(lowest) > 0
    page.wait_for_function("([h, low]) => h.getAttribute('aria-valuenow') === low", arg=[handle.element_handle(), lowest])
