"""A throwaway JupyterLab for the JupyterLab tests (tests/lab) and the widget benchmark (benchmarks).

`python -m jupyterlab` (this interpreter's) in its own process group, on a free local port, with a random token
and isolated settings: every cell rendered in the DOM (no windowing) so the whole notebook can be inspected.
No pytest here: a server that does not come up raises ``RuntimeError`` with the end of its log.
"""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bpnet.widgets.server import SERVER_ARGS  # TCP_NODELAY on the kernel websocket, as `make lab`

START_TIMEOUT = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """`python -m jupyterlab` serving ``root``; settings, runtime and log files live in ``scratch``.

    ``env`` adds environment variables (e.g. ``PYTHONPATH`` when ``root`` is outside the repository).
    """

    def __init__(self, root: Path, scratch: Path, env: dict[str, str] | None = None):
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.origin = f"http://127.0.0.1:{self.port}"
        settings = scratch / "user-settings" / "@jupyterlab" / "notebook-extension"
        settings.mkdir(parents=True)
        # Render every cell in the DOM (no windowing) so the whole notebook can be inspected.
        (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
        docmanager = scratch / "user-settings" / "@jupyterlab" / "docmanager-extension"
        docmanager.mkdir(parents=True)
        (docmanager / "plugin.jupyterlab-settings").write_text('{"autosave": false}')  # never rewrite a notebook
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(scratch / "config"),
               "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"), "JUPYTER_DATA_DIR": str(scratch / "data"),
               **(env or {})}
        env.pop("JUPYTER_PATH", None)
        self.log = scratch / "lab.log"
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
               f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={root}",
               f"--LabApp.user_settings_dir={scratch / 'user-settings'}",
               f"--LabApp.workspaces_dir={scratch / 'workspaces'}",
               "--LabApp.news_url=", "--LabApp.expose_app_in_browser=True", "--LabApp.extension_manager=readonly",
               "--ServerApp.port_retries=0", *SERVER_ARGS]
        if os.geteuid() == 0:  # CI containers run as root
            cmd.append("--allow-root")
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        self._workspaces = 0
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(f"jupyter lab exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(f"{self.origin}/api/status?token={self.token}", timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"jupyter lab did not answer within {START_TIMEOUT} s:\n{self.log.read_text()[-3000:]}")

    def url(self, path: str) -> str:
        """``path`` opened in a workspace of its own, reset: JupyterLab would otherwise restore the notebooks
        an earlier page opened, and the one made current might not be ``path``."""
        self._workspaces += 1
        return (f"{self.origin}/lab/workspaces/w{self._workspaces}/tree/{path}"
                f"?reset&token={self.token}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
