"""JupyterLab end to end: start the venv's JupyterLab, run notebooks in Chromium, move a widget slider.

* A smoke test that always runs: a notebook created in a temporary folder, with an ipywidgets slider whose
  observer (in the kernel) updates a label, runs with no error and reacts to the keyboard.
* Every chapter notebook that uses `bpnet.widgets` (its source imports it, or its metadata has
  `"bpnet": {"widgets": true}`) runs with no error and its first slider changes the widget output.
"""
from __future__ import annotations

import json
import shutil
import urllib.request
from pathlib import Path

import nbformat
import pytest

from browser_support import REPO, browser, open_page  # noqa: F401  (browser is a fixture)
from lab_server import LabServer

pytestmark = pytest.mark.lab

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


def start_lab(root: Path, scratch: Path) -> LabServer:
    """A :class:`lab_server.LabServer`, or the test fails with the end of its log."""
    try:
        return LabServer(root, scratch)
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def repo_lab(tmp_path_factory):
    # Serve a copy of the chapters: running a notebook in JupyterLab saves it, and the committed notebooks
    # (with the outputs nbval compares) must not be rewritten by a test.
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(REPO / "chapters", root / "chapters", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    server = start_lab(root, tmp_path_factory.mktemp("lab-repo"))
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


def run_notebook(browser, server: LabServer, path: str):  # noqa: F811 (pytest fixture imported by name from browser_support)
    """Open `path` in JupyterLab, run all cells, wait for every cell to finish; return (page, log)."""
    page, log = open_page(browser, server.origin, viewport={"width": 1400, "height": 1000})
    page.goto(server.url(path))
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
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
    area = page.locator(".jp-OutputArea").filter(has=slider).last  # the innermost area holding that slider
    press_and_wait(page, slider, area)


def press_and_wait(page, control, display) -> None:
    """Press ArrowRight on ``control``; wait until ``display`` changes (outerHTML: an <img> changes its src)."""
    handle = display.element_handle()
    before = handle.evaluate("el => el.outerHTML")
    control.focus()
    control.press("ArrowRight")
    # generous: on a loaded 2-core CI machine the kernel's recompute and the redraw can take seconds
    page.wait_for_function("([el, html]) => el.outerHTML !== html", arg=[handle, before], timeout=60_000)


# A widget view's output carries no data-mime-type in JupyterLab 4; the static copies are text/html outputs.
LIVE = '.jp-OutputArea-output:not([data-mime-type="text/html"])'
DISPLAY = ":is(.bpnet-widget, .widget-image)"  # the SVG diagram (anywidget) or the matplotlib figure


def move_live_controls(page, path: str) -> int:
    """In every live bpnet widget (a widget view holding a bpnet diagram or a figure), move its first slider
    (the learning rate, a weight or the width) with the keyboard and expect the diagram or figure, not just the
    slider's own readout, to change: the kernel recomputed and the front end redrew."""
    widgets = page.locator(LIVE).filter(has=page.locator(DISPLAY))
    count = widgets.count()
    assert count > 0, f"{path}: uses bpnet.widgets but shows no live bpnet widget after Run All"
    for i in range(count):
        live = widgets.nth(i)
        control = live.locator(":is(.widget-slider .noUi-handle, input[type=range], [role=slider])").first
        # JupyterLab skips rendering cells far outside the viewport (CSS content-visibility), so an attached
        # control can count as invisible until it is scrolled to.
        control.wait_for(state="attached", timeout=30_000)
        control.evaluate("e => e.scrollIntoView({block: 'center'})")
        press_and_wait(page, control, live.locator(DISPLAY).first)
    return count


def test_lab_smoke(browser, tmp_path):  # noqa: F811 (pytest fixture imported by name from browser_support)
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
    server = start_lab(tmp_path / "root", tmp_path / "scratch")
    try:
        page, log = run_notebook(browser, server, "smoke.ipynb")
        move_first_slider(page, "smoke.ipynb")
        page.get_by_text("value 4").wait_for(timeout=10_000)  # the kernel's observer answered
        assert not log.blocked_requests, f"non-local requests: {log.blocked_requests}"
        page.context.close()
    finally:
        server.stop()


def shutdown_kernels(server) -> None:
    """Stop every kernel the server runs, so that one chapter's kernel does not slow the next chapter's test."""
    headers = {"Authorization": f"token {server.token}"}
    with urllib.request.urlopen(urllib.request.Request(f"{server.origin}/api/kernels", headers=headers)) as r:
        kernels = json.load(r)
    for k in kernels:
        req = urllib.request.Request(f"{server.origin}/api/kernels/{k['id']}", headers=headers, method="DELETE")
        urllib.request.urlopen(req).close()


@pytest.mark.parametrize("path", widget_chapters())
def test_chapter_widgets_live(browser, repo_lab, path):  # noqa: F811 (pytest fixture imported by name from browser_support)
    page, log = run_notebook(browser, repo_lab, path)
    try:
        move_live_controls(page, path)
        assert not log.blocked_requests, f"non-local requests: {log.blocked_requests}"
    finally:
        page.context.close()
        shutdown_kernels(repo_lab)


def test_held_arrow_key_on_a_weight_ends_on_the_last_value(browser, tmp_path):  # noqa: F811 (pytest fixture imported by name from browser_support)
    """Holding an arrow key on the Weights widget's value slider: the front end keeps one edit in flight and
    sends only the newest of the ones made meanwhile. Whatever it skipped, the kernel must end on the value of
    the last key press, and no late answer may move the diagram away from it."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("from bpnet.widgets import Weights\nw = Weights()\nw")]
    (tmp_path / "root").mkdir()
    nbformat.write(nb, tmp_path / "root" / "weights.ipynb")
    server = start_lab(tmp_path / "root", tmp_path / "scratch")
    try:
        page, log = run_notebook(browser, server, "weights.ipynb")
        root = page.locator(".bpnet-widget[data-bpnet-widget=weights]")
        value_cell = root.locator("tr[data-id=w2_0_0] td").first
        assert value_cell.inner_text() == "0.4000"
        slider = root.locator("input[data-control=value]")
        slider.focus()
        for _ in range(25):  # faster than the kernel answers: edits pile up behind the one in flight
            page.keyboard.press("ArrowRight")
        assert slider.input_value() == "0.65"
        page.wait_for_function("el => el.textContent === '0.6500'", arg=value_cell.element_handle(), timeout=60_000)
        page.wait_for_timeout(1500)
        assert value_cell.inner_text() == "0.6500"
        assert "w 0.6500" in root.locator("[data-id=w2_0_0]").first.text_content()
        assert not log.blocked_requests, f"non-local requests: {log.blocked_requests}"
        page.context.close()
    finally:
        server.stop()
