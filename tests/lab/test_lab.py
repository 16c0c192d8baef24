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


# ---- issue 13: the live widgets in JupyterLab -------------------------------------------------------------------
LIVE_NOTEBOOK = [
    "from bpnet.widgets import Explorer, Stepper, Surface, Weights, static_weights",
    "static_weights()",  # the in-page copy, as a chapter shows it before the reader runs the live cell
    "Weights()",
    "Stepper()",
    "Surface(lr=0.4)",
    "Explorer()",
    # a widget whose kernel writes 5 digits from its second document on, while its first (and so the page's own
    # drawing) has 4: the check that compares the two must notice
    "odd = Weights()\nodd",
    "odd._digits = 5",
]

EVENTS = """() => { window.__bp = { local: 0, confirmed: [] };
  document.addEventListener('bpnet-local', () => { window.__bp.local += 1; });
  document.addEventListener('bpnet-confirmed', (e) => window.__bp.confirmed.push(e.detail.same)); }"""


@pytest.fixture(scope="module")
def live_page(browser, tmp_path_factory):  # noqa: F811 (pytest fixture imported by name from browser_support)
    """One JupyterLab page that has run a notebook with the static weights output and the four live widgets."""
    root = tmp_path_factory.mktemp("live-root")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in LIVE_NOTEBOOK]
    nbformat.write(nb, root / "live.ipynb")
    server = start_lab(root, tmp_path_factory.mktemp("live-scratch"))
    try:
        page, log = run_notebook(browser, server, "live.ipynb")
        page.locator(f"{LIVE} .bpnet-widget[data-bpnet-widget=stepper] .bp-svg").wait_for(timeout=60_000)
        page.locator(f"{LIVE} .widget-image").nth(1).wait_for(timeout=60_000)
        page.evaluate(EVENTS)
        yield page
        assert not log.blocked_requests, f"non-local requests: {log.blocked_requests}"
        page.context.close()
    finally:
        server.stop()


def live_weights_expected(value: float) -> tuple[str, str]:
    """bpnet's cost before and after one step (η = 0.5) of the worked example with w^(2)_11 = value, formatted."""
    from bpnet.examples import worked_example
    from bpnet.widgets.format import fmt

    net, x, y = worked_example()
    net.W(2)[0, 0] = value
    after = net.copy()
    after.step(net.gradients(x, y), 0.5)
    return fmt(net.loss(x, y), 4), fmt(after.loss(x, y), 4)


def wait_confirmed(page, n: int) -> list[bool]:
    page.wait_for_function(f"() => window.__bp.confirmed.length >= {n}", timeout=60_000)
    return page.evaluate("() => window.__bp.confirmed")


def test_enter_in_the_value_box_applies_the_value(live_page):
    """A value no preset holds, typed into the live weights widget's box and applied with Enter (JupyterLab's
    notebook shortcuts must not take the key): the diagram shows the weight, and the step recomputed matches bpnet."""
    page = live_page
    root = page.locator(f"{LIVE} .bpnet-widget[data-bpnet-widget=weights]").first
    root.locator("select[data-control=param]").select_option(label="w⁽²⁾₁₁")
    box = root.locator("input[data-control=number]")
    box.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("0.8125")
    n = page.evaluate("() => window.__bp.confirmed.length")
    page.keyboard.press("Enter")
    cell = root.locator("tr[data-id=w2_0_0] td").first
    page.wait_for_function("el => el.textContent === '0.8125'", arg=cell.element_handle(), timeout=60_000)
    assert wait_confirmed(page, n + 1)[-1] is True  # the kernel's document drew what the page drew first
    assert "0.8125" in root.locator(".bp-svg [data-id=w2_0_0]").first.text_content()
    cost, cost_after = live_weights_expected(0.8125)
    shown = root.locator(".bp-svg [data-id=cost]").first.text_content()
    assert cost in shown and cost_after in shown, f"expected C = {cost} and {cost_after} after the step in {shown!r}"
    # the notebook stayed in command mode on the same cell: Enter did not open the cell's editor
    assert page.locator(".jp-Notebook.jp-mod-commandMode").count() == 1


def test_first_drawing_equals_the_kernels(live_page):
    """Every change is drawn first from the page's engine, then from the kernel's document: the two are equal
    (η key presses and weight steps on the weights widget, η on the stepper)."""
    page = live_page
    n = page.evaluate("() => window.__bp.confirmed.length")
    local = page.evaluate("() => window.__bp.local")
    presses = 0
    for kind, control, keys in (("weights", "lr", ["ArrowRight", "ArrowRight", "ArrowLeft"]),
                                ("weights", "value", ["ArrowUp", "ArrowUp"]),
                                ("stepper", "lr", ["ArrowLeft", "ArrowRight"])):
        slider = page.locator(f"{LIVE} .bpnet-widget[data-bpnet-widget={kind}] input[data-control={control}]").first
        slider.evaluate("e => e.scrollIntoView({block: 'center'})")
        slider.focus()
        for key in keys:
            presses += 1
            page.keyboard.press(key)
            wait_confirmed(page, n + presses)  # one at a time: each answer confirms its own first drawing
    confirmed = page.evaluate("() => window.__bp.confirmed")[n:]
    assert confirmed == [True] * presses
    assert page.evaluate("() => window.__bp.local") - local == presses


def test_a_first_drawing_unlike_the_kernels_is_noticed_and_replaced(live_page):
    page = live_page
    odd = page.locator(f"{LIVE} .bpnet-widget[data-bpnet-widget=weights]").nth(1)
    n = page.evaluate("() => window.__bp.confirmed.length")
    slider = odd.locator("input[data-control=lr]")
    slider.evaluate("e => e.scrollIntoView({block: 'center'})")
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert wait_confirmed(page, n + 1)[-1] is False
    assert odd.locator("tr[data-id=w2_0_0] td").first.inner_text() == "0.40000"  # the kernel's 5 digits stay


def test_live_stepper_has_one_play_and_one_learning_rate_control(live_page):
    area = live_page.locator(LIVE).filter(has=live_page.locator(".bpnet-widget[data-bpnet-widget=stepper]"))
    assert area.count() == 1
    assert area.locator("button[data-action=play], .widget-play").count() == 1
    assert area.locator("input[data-control=lr], .widget-slider, .widget-hslider").count() == 1


def test_live_plots_are_sharp(live_page):
    """The live cost surface and the explorer's figure: at least twice as many pixels as CSS pixels."""
    sizes = live_page.evaluate(f"""() => Array.from(document.querySelectorAll('{LIVE} .widget-image'))
        .map((i) => [i.naturalWidth, i.naturalHeight, i.clientWidth, i.clientHeight])""")
    assert len(sizes) == 2, sizes
    for nw, nh, cw, ch in sizes:
        assert cw > 0 and nw >= 2 * cw and nh >= 2 * ch, f"image of {nw}x{nh} px shown at {cw}x{ch} CSS px"


def test_static_and_live_copies_say_which_they_are(live_page):
    from bpnet.widgets.embed import LIVE_BADGE, STATIC_BADGE

    page = live_page
    static = page.locator('.jp-OutputArea-output[data-mime-type="text/html"] [data-bp-badge=static]')
    assert static.count() == 1 and static.is_visible()
    assert static.inner_text().strip() == STATIC_BADGE
    live = page.locator(f"{LIVE} [data-bp-badge=live]")
    assert live.count() == 5, "each of the live widgets carries the live caption"
    for i in range(5):
        live.nth(i).evaluate("e => e.scrollIntoView({block: 'center'})")
        assert live.nth(i).is_visible() and live.nth(i).inner_text().strip() == LIVE_BADGE
