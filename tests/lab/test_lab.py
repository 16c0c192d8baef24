"""JupyterLab end to end: start the venv's JupyterLab, run notebooks in Chromium, move a widget slider.

* A smoke test that always runs: a notebook created in a temporary folder, with an ipywidgets slider whose
  observer (in the kernel) updates a label, runs with no error and reacts to the keyboard.
* Every chapter notebook that uses `bpnet.widgets` (its source imports it, or its metadata has
  `"bpnet": {"widgets": true}`) runs with no error and its first slider changes the widget output.
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from browser_support import REPO, browser, free_port, open_page  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.lab

START_TIMEOUT = 90
RUN_TIMEOUT = 180_000  # ms for "Run All Cells" to finish


def widget_chapters() -> list[str]:
    """Chapter notebooks (relative to the repo) that use bpnet.widgets."""
    found = []
    for path in sorted((REPO / "chapters").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        declared = nb.get("metadata", {}).get("bpnet", {}).get("widgets", False)
        sources = ("".join(c.get("source", "")) for c in nb.get("cells", []) if c.get("cell_type") == "code")
        if declared or any("bpnet.widgets" in src for src in sources):
            found.append(str(path.relative_to(REPO)))
    return found


class LabServer:
    """`python -m jupyterlab` in its own process group, isolated settings, random token."""

    def __init__(self, root: Path, scratch: Path):
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.origin = f"http://127.0.0.1:{self.port}"
        settings = scratch / "user-settings" / "@jupyterlab" / "notebook-extension"
        settings.mkdir(parents=True)
        # Render every cell in the DOM (no windowing) so the whole notebook can be inspected.
        (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(scratch / "config"),
               "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"), "JUPYTER_DATA_DIR": str(scratch / "data")}
        env.pop("JUPYTER_PATH", None)
        self.log = scratch / "lab.log"
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
               f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={root}",
               f"--LabApp.user_settings_dir={scratch / 'user-settings'}",
               f"--LabApp.workspaces_dir={scratch / 'workspaces'}",
               "--LabApp.news_url=", "--LabApp.expose_app_in_browser=True", "--LabApp.extension_manager=readonly", "--ServerApp.port_retries=0"]
        if os.geteuid() == 0:  # CI containers run as root
            cmd.append("--allow-root")
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.stop()
                pytest.fail(f"jupyter lab exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(f"{self.origin}/api/status?token={self.token}", timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        self.stop()
        pytest.fail(f"jupyter lab did not answer within {START_TIMEOUT} s:\n{self.log.read_text()[-3000:]}")

    def url(self, path: str) -> str:
        return f"{self.origin}/lab/tree/{path}?token={self.token}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


@pytest.fixture(scope="module")
def repo_lab(tmp_path_factory):
    server = LabServer(REPO, tmp_path_factory.mktemp("lab-repo"))
    yield server
    server.stop()


ERRORS = """() => Array.from(document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText'))
  .map(e => e.textContent).filter(t => t.includes('Traceback') || t.includes('Error:'))"""

ALL_RUN = """() => {
  const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'));
  const idle = document.querySelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]');
  return idle !== null && prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


# The command behind Run > Run All Cells, through the app object (--LabApp.expose_app_in_browser): clicking the
# Lumino menu right after page load sometimes does nothing, which made the test flaky.
RUN_ALL = """async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.context.ready;
  await panel.sessionContext.ready;
  await app.commands.execute('notebook:run-all-cells');
}"""


def run_notebook(browser, server: LabServer, path: str):  # noqa: F811
    """Open `path` in JupyterLab, run all cells, wait for every cell to finish; return (page, log)."""
    page, log = open_page(browser, server.origin, viewport={"width": 1400, "height": 1000})
    page.goto(server.url(path))
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext", timeout=60_000)
    page.evaluate(RUN_ALL)
    page.wait_for_function(ALL_RUN, timeout=RUN_TIMEOUT, polling=500)
    errors = page.evaluate(ERRORS)
    assert not errors, f"{path}: error output after Run All:\n" + "\n---\n".join(errors)
    return page, log


def move_first_slider(page, path: str) -> None:
    """Focus the first slider in a widget output, press ArrowRight, expect that output to change."""
    slider = page.locator(".jp-OutputArea-output :is(input[type=range], .widget-slider .noUi-handle,"
                          " [role=slider])").first
    slider.wait_for(timeout=30_000)
    area = page.locator(".jp-OutputArea", has=slider)
    before = area.inner_html()
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function("([el, html]) => el.innerHTML !== html", arg=[area.element_handle(), before],
                           timeout=10_000)


def test_lab_smoke(browser, tmp_path):  # noqa: F811
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("import bpnet\nimport ipywidgets as widgets"),
        nbformat.v4.new_code_cell(
            "w = widgets.IntSlider(value=3, min=0, max=10, description='n')\n"
            "label = widgets.Label('value 3')\n"
            "w.observe(lambda change: setattr(label, 'value', f'value {change.new}'), 'value')\n"
            "widgets.VBox([w, label])"
        ),
    ]
    (tmp_path / "root").mkdir()
    nbformat.write(nb, tmp_path / "root" / "smoke.ipynb")
    server = LabServer(tmp_path / "root", tmp_path / "scratch")
    try:
        page, log = run_notebook(browser, server, "smoke.ipynb")
        move_first_slider(page, "smoke.ipynb")
        page.get_by_text("value 4").wait_for(timeout=10_000)  # the kernel's observer answered
        assert not log.blocked_requests, f"non-local requests: {log.blocked_requests}"
        page.context.close()
    finally:
        server.stop()


@pytest.mark.parametrize("path", widget_chapters())
def test_chapter_widgets_live(browser, repo_lab, path):  # noqa: F811
    page, log = run_notebook(browser, repo_lab, path)
    move_first_slider(page, path)
    assert not log.blocked_requests, f"non-local requests: {log.blocked_requests}"
    page.context.close()
