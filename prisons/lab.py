"""JupyterLab for people re-running the notebooks (``make lab``, ``python -m prisons lab``).

It runs from the project's venv, listens on loopback only, asks for a token, opens the chapters
folder with each chapter as a notebook (jupytext), and calls no host but the machine itself: no
news, no update check, no extension manager. Its configuration is the project's ``.jupyter/``
folder, never the user's ``~/.jupyter``, so a personal setting cannot open it to the network or
swap the kernel for another Python; its state (workspaces, changed settings) stays in
``.jupyter/state/``, outside the project's files.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

from . import paths

DEFAULT_PORT = 8888
# Set in the lab's environment, which its kernels inherit: JupyterLab shows a chapter's {glue:md}
# roles as written, so the chapter's glue cell also shows the numbers (``stories.base.glue_all``).
LAB_VARIABLE = "PRISONS_LAB"


def environment(base: dict[str, str] | None = None, state: Path = paths.LAB_STATE) -> dict[str, str]:
    """The server's environment: the project's config and state folders. The token is the
    server's own random one (printed in the address it opens) unless JUPYTER_TOKEN sets one."""
    env = dict(os.environ if base is None else base)
    env.update({
        "JUPYTER_CONFIG_DIR": str(paths.LAB_CONFIG),
        "JUPYTER_DATA_DIR": str(state / "data"),
        "JUPYTERLAB_SETTINGS_DIR": str(state / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
        LAB_VARIABLE: "1",  # the chapters' kernels show the numbers their prose glues (stories.glue_all)
    })
    return env


def command(port: int = DEFAULT_PORT, root: Path = paths.ROOT, open_browser: bool = True,
            extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The command line that starts the lab, opened at the chapters folder; ``extra`` arguments go
    to JupyterLab as given. The rest of its settings (loopback only, the next free port when this
    one is taken, nothing fetched) are in ``.jupyter/jupyter_server_config.json``."""
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}", f"--ServerApp.port={port}",
            f"--ServerApp.default_url=/lab/tree/{paths.CHAPTERS.name}",
            f"--LabApp.app_settings_dir={paths.LAB_SETTINGS}",
            f"--ServerApp.open_browser={open_browser}"]
    # Jupyter refuses root unless told; CI and containers run as root, and the server is loopback-only.
    return argv + (["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []) + list(extra)


def run(port: int = DEFAULT_PORT, open_browser: bool = True, extra: list[str] | tuple[str, ...] = ()) -> NoReturn:
    """Start the lab in this process's place (Ctrl-C stops it)."""
    argv = command(port, open_browser=open_browser, extra=extra)
    os.execve(argv[0], argv, environment())
