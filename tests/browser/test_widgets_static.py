"""The widgets' static outputs in headless Chromium with every non-local request aborted (no build needed):
the stepper plays, steps, scrubs and follows the learning-rate control, from the mouse and the keyboard; the
other three respond too; all four share one page without clashing."""
from __future__ import annotations

import pytest

import bpnet
from bpnet.widgets.format import fmt_lr
from bpnet.widgets.stepper import stepper_trace
from browser_support import browser, open_page, widget_site  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from bpnet.widgets import static_explorer, static_stepper, static_surface, static_weights

    root = tmp_path_factory.mktemp("widgets")
    outs = [static_stepper(), static_weights(), static_explorer(("xor", "moons", "circles"), epochs=60),
            static_surface()]
    with widget_site(root, outs) as origin:
        yield origin, outs


@pytest.fixture
def page(browser, site):  # noqa: F811 (pytest fixture imported by name from browser_support)
    origin, outs = site
    pg, log = open_page(browser, origin)
    pg.goto(f"{origin}/index.html")
    pg.locator("[data-bpnet-widget] .bp-svg").nth(3).wait_for(timeout=15_000)
    yield pg, outs
    assert not log.problems(), "\n".join(log.problems())
    pg.context.close()


def frame(root) -> int:
    return int(root.locator("svg.bp-svg").get_attribute("data-frame"))


def test_stepper_play_step_scrub_and_learning_rate(page):
    pg, outs = page
    root = pg.locator("[data-bpnet-widget=stepper]")
    doc = outs[0].doc
    assert frame(root) == 0
    root.locator("button[data-action=step]").click()
    assert frame(root) == 1
    # numbers on screen are the trace's strings: a of hidden unit 1 after the forward pass of layer 1
    assert "a 0.5933" in root.locator("[data-id=n1_0]").text_content()
    assert root.locator(".bp-eq").first.inner_text().splitlines()[-1].strip() == "a⁽¹⁾₁ = σ(z⁽¹⁾₁) = σ(0.3775) = 0.5933"
    root.locator("select[data-control=speed]").select_option(label="faster")
    play = root.locator("button[data-action=play]")
    play.click()
    pg.wait_for_function("el => +el.querySelector('svg.bp-svg').dataset.frame >= 3", arg=root.element_handle(),
                         timeout=5_000)
    if play.get_attribute("aria-pressed") == "true":  # (it stops by itself at the last frame)
        play.click()
    paused = frame(root)
    assert paused >= 3 and play.get_attribute("aria-pressed") == "false"
    pg.wait_for_timeout(300)
    assert frame(root) == paused
    # scrub to the update of layer 2, then move η: the new weights change
    upd = [p["key"] for p in doc["phases"]].index("update-2")
    scrub = root.locator("input[data-control=scrub]")
    scrub.fill(str(upd))
    scrub.dispatch_event("input")
    assert frame(root) == upd
    before = root.locator("svg.bp-svg").inner_html()
    label_before = root.locator("[data-id=w2_0_0]").text_content()
    lr = root.locator("input[data-control=lr]")
    lr.focus()
    lr.press("ArrowRight")  # the next value of the η grid (computed in the page: compared with bpnet's document)
    grid = doc["controls"]["lr"]["grid"]
    eta = grid[grid.index(doc["controls"]["lr"]["value"]) + 1]
    assert root.locator("output.bp-readout").inner_text() == f"η = {fmt_lr(eta)}"
    assert root.locator("svg.bp-svg").inner_html() != before
    net, x, y = bpnet.worked_example()
    run = stepper_trace(net, x, y, [eta])["runs"][0]
    assert root.locator("[data-id=w2_0_0]").text_content() != label_before
    assert f"w′ {run['steps'][0]['values']['w2_0_0']['w_new']}" in root.locator("[data-id=w2_0_0]").text_content()


def test_stepper_keyboard_only(page):
    pg, _ = page
    root = pg.locator("[data-bpnet-widget=stepper]")
    root.locator("button[data-action=step]").focus()
    pg.keyboard.press("Enter")
    pg.keyboard.press("Space")
    assert frame(root) == 2
    root.locator("button[data-action=back]").focus()
    pg.keyboard.press("Enter")
    assert frame(root) == 1
    root.locator("input[data-control=scrub]").focus()
    pg.keyboard.press("ArrowRight")
    pg.keyboard.press("End")
    assert frame(root) == int(root.locator("input[data-control=scrub]").get_attribute("max"))
    focusable = pg.locator("[data-bpnet-widget] :is(button, input, select, [tabindex])")
    assert focusable.count() >= 10
    for i in range(focusable.count()):
        assert focusable.nth(i).get_attribute("data-lm-suppress-shortcuts") is not None


def test_hover_shows_value(page):
    pg, _ = page
    title = pg.locator("[data-bpnet-widget=stepper] [data-id=w2_0_0] title").text_content()
    assert title.startswith("w⁽²⁾₁₁: w = 0.4000")


@pytest.mark.parametrize("kind", ["weights", "explorer", "surface"])
def test_other_widgets_respond(page, kind):
    pg, _ = page
    root = pg.locator(f"[data-bpnet-widget={kind}]")
    for control in ("input[data-control=lr]", "select[data-control=setting]", "button[data-action=step]"):
        if root.locator(control).count() == 0:
            continue
        before = root.inner_html()
        c = root.locator(control)
        if control.startswith("select"):
            c.select_option(index=1)
        elif control.startswith("button"):
            c.click()
        else:
            c.focus()
            c.press("ArrowRight")
        assert root.inner_html() != before, f"{kind}: {control} changed nothing"


def test_weights_selection_shows_nudge_next_to_backprop(page):
    pg, outs = page
    root = pg.locator("[data-bpnet-widget=weights]")
    root.locator("[data-id=w1_1_0]").first.click()
    text = root.locator(".bp-eq.bp-sel").inner_text()
    v = outs[1].doc["runs"][0]["steps"][0]["values"]["w1_1_0"]
    assert f"= {v['dw']}" in text and f"= {v['num']}" in text and "nudge" in text


SAME_AS_FULL_REDRAW = """(root) => {
  const w = root.__bpnet, want = w.markup(), parts = [["view", ".bp-view"], ["side", ".bp-side"]];
  const bad = [];
  for (const [key, sel] of parts) {
    if (want[key] === null) continue;
    const t = document.createElement("div");
    t.innerHTML = want[key];
    const got = root.querySelector(sel).cloneNode(true);
    got.normalize();
    if (!got.firstChild || !got.firstChild.isEqualNode(t.firstChild) || got.childNodes.length !== 1) bad.push(key);
  }
  return bad;
}"""


# (the explorer and the surface draw themselves, lab.js, with no virtual tree: tests/browser/test_book_lab.py)
@pytest.mark.parametrize("kind", ["stepper", "weights"])
def test_patched_diagram_equals_a_full_redraw(page, kind):
    """Each redraw patches the previous DOM in place (only changed attributes and texts are written); after a
    run of frames, learning rates, settings and selections it must equal the markup of a redraw from nothing."""
    pg, _ = page
    root = pg.locator(f"[data-bpnet-widget={kind}]")
    handle = root.element_handle()
    actions = [("button[data-action=step]", "click"), ("input[data-control=lr]", "ArrowRight"),
               ("select[data-control=setting]", 2), ("button[data-action=step]", "click"),
               ("[data-id=w1_1_0]", "click"), ("select[data-control=param]", 3), ("input[data-control=lr]", "End"),
               ("[data-id=n2_0]", "click"), ("select[data-control=setting]", 0), ("input[data-control=lr]", "Home"),
               ("input[data-control=scrub]", "End"), ("button[data-action=back]", "click")]
    done = 0
    for selector, how in actions:
        c = root.locator(selector).first
        if root.locator(selector).count() == 0:
            continue
        if how == "click":
            c.click()
        elif isinstance(how, int):
            c.select_option(index=min(how, c.locator("option").count() - 1))
        else:
            c.focus()
            c.press(how)
        done += 1
        assert pg.evaluate(SAME_AS_FULL_REDRAW, handle) == [], f"{kind}: after {selector} {how}"
    assert done >= 3
