"""The stepper and the weights view compute in the page (no kernel), served by a local server and opened from
file://, every non-local request aborted: a weight set by keyboard to a value no preset holds, and η moved to ten
values, show exactly the numbers bpnet computes for them (bpnet runs in the test; the page runs engine.js and
document.js). The page loads the site's one script as the built book does (bpnet/widgets/assets.py classic())."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import bpnet
from bpnet.widgets.assets import BUNDLE_NAME, classic
from bpnet.widgets.embed import page as standalone
from bpnet.widgets.format import fmt, fmt_lr
from bpnet.widgets.stepper import stepper_trace
from bpnet.widgets.weights import weights_trace
from browser_support import browser, open_page, serve, serve_book  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser

NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e-?\d+)?")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from bpnet.widgets import static_stepper, static_weights

    root = tmp_path_factory.mktemp("inpage")
    (root / BUNDLE_NAME).write_text(classic(), "utf-8")
    (root / "index.html").write_text(standalone([static_stepper(), static_weights()], script=BUNDLE_NAME), "utf-8")
    origin, server = serve(root)
    yield root, origin
    server.shutdown()


@pytest.fixture(params=["http", "file"])
def page(request, browser, served):  # noqa: F811 (pytest fixture imported by name from browser_support)
    root, origin = served
    if request.param == "file":
        origin, url = "file://", (root / "index.html").as_uri()
    else:
        url = f"{origin}/index.html"
    pg, log = open_page(browser, origin)
    pg.goto(url)
    pg.locator("[data-bpnet-widget=weights] .bp-svg").wait_for(timeout=15_000)
    yield pg
    assert not log.problems(), "\n".join(log.problems())
    pg.context.close()


def numbers(text: str) -> set[str]:
    return set(NUMBER.findall(text.replace("−", "-")))


def doc_numbers(doc: dict, phase: int | None = None) -> set[str]:
    """Every number a document writes (values, equations, titles, captions, settings), or one phase's."""
    run = doc["runs"][0]["steps"][0]
    eqs = run["equations"] if phase is None else [run["equations"][phase]]
    texts = [line for per_phase in eqs for e in per_phase for line in e["lines"]]
    texts += [s for qs in run["values"].values() for s in qs.values()]
    texts += [p["title"] + " " + p["caption"] for p in doc["phases"]] + doc.get("settings", [])
    return numbers(" ".join(texts))


def edited(pid: str, value: float):
    """The worked example with one parameter set (bpnet's network, as the page's weights start)."""
    net, x, y = bpnet.worked_example()
    kind, l, *idx = re.fullmatch(r"([wb])(\d)_(\d)(?:_(\d))?", pid).groups()
    arr = (net.weights if kind == "w" else net.biases)[int(l) - 1]
    arr[tuple(int(i) for i in idx if i is not None)] = value
    return net, x, y


def set_by_keyboard(pg, root, presses: int, typed: str, ups: int) -> None:
    """Pick a parameter in the list by keyboard, type a value and Enter, then step it with ArrowUp."""
    root.locator("select[data-control=param]").focus()
    for _ in range(presses):
        pg.keyboard.press("ArrowDown")
    box = root.locator("input[data-control=number]")
    box.focus()
    pg.keyboard.press("Control+a")
    pg.keyboard.type(typed)
    pg.keyboard.press("Enter")
    for _ in range(ups):
        pg.keyboard.press("ArrowUp")


def test_weights_view_any_weight_by_keyboard_equals_bpnet(page):
    pg = page
    root = pg.locator("[data-bpnet-widget=weights]")
    set_by_keyboard(pg, root, 1, "0.8137", 3)  # w⁽²⁾₁₂ (no preset holds 0.8437: 0.45, 0.5 or 4.5)
    assert root.locator("input[data-control=number]").input_value() == "0.8437"
    net, x, y = edited("w2_0_1", 0.8437)
    want = weights_trace(net, x, y, [0.5])
    vals = want["runs"][0]["steps"][0]["values"]
    assert root.locator("select[data-control=param] option:checked").inner_text() == "w⁽²⁾₁₂"
    # the table: every parameter's value, backprop gradient, nudge and value after the step
    for row in root.locator("table.bp-table tbody tr").all():
        v = vals[row.get_attribute("data-id")]
        cells = [c.inner_text() for c in row.locator("td").all()]
        qs = ["w", "dw", "num", "w_new"] if "w" in v else ["b", "db", "num", "b_new"]
        assert cells == [v[q] for q in qs], row.get_attribute("data-id")
    # the equations of the selected weight and of the cost, line for line
    eqs = {e["target"]: e["lines"] for e in want["runs"][0]["steps"][0]["equations"][0]}
    shown = root.locator(".bp-side .bp-eq").all()
    assert [[ln.text_content() for ln in e.locator(".bp-line").all()] for e in shown] == [eqs["w2_0_1"], eqs["cost"]]
    # every number on screen is one of bpnet's (or a control's label), and every label of the diagram is there
    controls = numbers(" ".join(root.locator(".bp-controls").all_inner_texts()))
    screen = numbers(root.locator(".bp-body").inner_text())
    assert screen <= doc_numbers(want) | controls | {"0.5"}, screen - doc_numbers(want) - controls
    labels = want["phases"][0]["labels"]
    diagram = numbers(root.locator(".bp-view").inner_text())
    assert {vals[i][q] for i, qs in labels.items() for q in qs} <= diagram


def test_stepper_any_weight_by_keyboard_every_phase_equals_bpnet(page):
    pg = page
    root = pg.locator("[data-bpnet-widget=stepper]")
    set_by_keyboard(pg, root, 4, "-1.25", 0)  # the fifth in the list: w⁽²⁾₂₂
    name = root.locator("select[data-control=param] option:checked").inner_text()
    assert name == "w⁽²⁾₂₂"
    net, x, y = edited("w2_1_1", -1.25)
    want = stepper_trace(net, x, y, [0.5])
    step = want["runs"][0]["steps"][0]
    root.locator("button[data-action=first]").click()
    for p, ph in enumerate(want["phases"]):
        assert int(root.locator("svg.bp-svg").get_attribute("data-frame")) == p
        lines = sorted(ln.text_content() for ln in root.locator(".bp-side .bp-line").all())
        assert lines == sorted(ln for e in step["equations"][p] for ln in e["lines"]), ph["key"]
        diagram = numbers(root.locator(".bp-view").inner_text())
        shown = {step["values"][i][q] for i, qs in ph["labels"].items() for q in qs if q in step["values"].get(i, {})}
        assert shown <= diagram, (ph["key"], shown - diagram)
        assert diagram <= doc_numbers(want), (ph["key"], diagram - doc_numbers(want))
        root.locator("button[data-action=step]").click()


ETA_KEYS = ["Home", "ArrowRight", "PageUp", "ArrowRight", "ArrowRight", "PageUp", "ArrowRight", "PageUp", "End",
            "ArrowLeft"]


def test_eta_ten_values_cost_after_one_step_equals_bpnet(page):
    pg = page
    root = pg.locator("[data-bpnet-widget=stepper]")
    root.locator("input[data-control=scrub]").focus()
    pg.keyboard.press("End")  # the last phase: the cost after the step
    slider = root.locator("input[data-control=lr]")
    slider.focus()
    net, x, y = bpnet.worked_example()
    seen = []
    for key in ETA_KEYS[:9]:
        pg.keyboard.press(key)
        seen.append(check_cost_after(root, slider, net, x, y))
    # a drag: a click on the slider's track gives a value between the grid's, to 3 digits
    box = slider.bounding_box()
    pg.mouse.click(box["x"] + box["width"] * 0.37, box["y"] + box["height"] / 2)
    seen.append(check_cost_after(root, slider, net, x, y))
    assert len(set(seen)) == 10, seen
    assert seen[0] == 0.001 and 100.0 in seen and seen[-1] not in seen[:-1]


def check_cost_after(root, slider, net, x, y) -> float:
    shown = root.locator("output.bp-readout").inner_text()
    eta = float(shown.removeprefix("η = "))
    assert slider.get_attribute("aria-valuetext") == shown == f"η = {fmt_lr(eta)}"
    after = net.copy()
    after.step(net.gradients(x, y), eta)
    text = root.locator(".bp-side").inner_text()
    assert f"C after the step (η = {fmt_lr(eta)}) = {fmt(after.loss(x, y), 4)}" in text, (eta, text)
    return eta


def test_weights_view_eta_by_drag_and_setting(page):
    pg = page
    root = pg.locator("[data-bpnet-widget=weights]")
    root.locator("select[data-control=setting]").select_option(index=2)  # all × 10 (saturated)
    slider = root.locator("input[data-control=lr]")
    box = slider.bounding_box()
    pg.mouse.click(box["x"] + box["width"] * 0.81, box["y"] + box["height"] / 2)
    eta = float(root.locator("output.bp-readout").inner_text().removeprefix("η = "))
    net, x, y = bpnet.worked_example()
    for p in (*net.weights, *net.biases):
        p *= 10.0
    after = net.copy()
    after.step(net.gradients(x, y), eta)
    side = root.locator(".bp-side").inner_text()
    assert f"after one step with η = {fmt_lr(eta)}: C = {fmt(after.loss(x, y), 4)}" in side
    assert np.isclose(np.log10(eta), -3 + 5 * 0.81, atol=0.2)  # a true log scale (the thumb is ~16 px wide)


BUILD = Path(__file__).resolve().parents[2] / "_build" / "html"


@pytest.fixture(scope="module")
def book_origin():
    yield from serve_book(BUILD)


@pytest.mark.parametrize("how", ["http", "file"])
def test_built_book_weights_any_weight(browser, book_origin, how):  # noqa: F811 (pytest fixture imported by name)
    """Chapter 4 of the built book, served and opened from file://: the weights view recomputes in the page."""
    page_path = "chapters/04_hidden_layer.html"
    origin, url = (("file://", (BUILD / page_path).as_uri()) if how == "file"
                   else (book_origin, f"{book_origin}/{page_path}"))
    pg, log = open_page(browser, origin)
    pg.goto(url)
    root = pg.locator("[data-bpnet-widget=weights]")
    root.locator(".bp-svg").wait_for(timeout=15_000)
    set_by_keyboard(pg, root, 6, "-0.3333", 0)  # w⁽¹⁾₁₁ (no preset holds -0.3333)
    net, x, y = edited("w1_0_0", -0.3333)
    vals = weights_trace(net, x, y, [0.5])["runs"][0]["steps"][0]["values"]
    for row in root.locator("table.bp-table tbody tr").all():
        v = vals[row.get_attribute("data-id")]
        qs = ["w", "dw", "num", "w_new"] if "w" in v else ["b", "db", "num", "b_new"]
        assert [c.inner_text() for c in row.locator("td").all()] == [v[q] for q in qs], row.get_attribute("data-id")
    problems = [p for p in log.problems() if how == "http" or "bpnet" in p or "uncaught" in p]
    assert not problems, "\n".join(problems)
    pg.context.close()
