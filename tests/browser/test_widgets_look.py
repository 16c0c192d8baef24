"""What the reader sees of the widgets (issue 12): contrast in light and dark mode, label sizes and scrolling at a
phone's 390 px, the keyboard, values for screen readers, and colors scaled to the state on screen.

The built book (`make book`) for the theme's light and dark modes; a standalone page of the four static outputs
(with the site's script beside it, as the book serves it) for the rest, with every non-local request aborted.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from browser_support import REPO, browser, open_page, serve_book, widget_site  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser

BUILD = Path(os.environ.get("BPNET_BOOK_HTML", REPO / "_build" / "html"))  # (another build: for a quick check)
WIDGET_PAGES = ["chapters/03_chain_rule.html", "chapters/04_hidden_layer.html", "chapters/07_training.html"]
EQUATION_PAGES = ["chapters/04_hidden_layer.html", "chapters/05_backward_pass.html", "chapters/07_training.html"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def book():
    yield from serve_book(BUILD)


@pytest.fixture(scope="module")
def widgets(tmp_path_factory):
    from bpnet.widgets import static_explorer, static_stepper, static_surface, static_weights

    root = tmp_path_factory.mktemp("look")
    outs = [static_stepper(), static_weights(), static_explorer(), static_surface()]
    with widget_site(root, outs) as origin:
        yield origin


def open_widgets(browser, origin, **context):  # noqa: F811 (the browser fixture, passed on)
    pg, log = open_page(browser, origin, **context)
    pg.goto(f"{origin}/index.html")
    for kind in ("stepper", "weights"):
        pg.locator(f"[data-bpnet-widget={kind}] svg.bp-svg").wait_for(timeout=15_000)
    return pg, log


@pytest.fixture
def page(browser, widgets):  # noqa: F811
    pg, log = open_widgets(browser, widgets)
    yield pg
    assert not log.problems(), "\n".join(log.problems())
    pg.context.close()


# WCAG contrast of every text and control of the widgets (see the script's header)
CONTRAST = (Path(__file__).with_name("wcag_contrast.js")).read_text(encoding="utf-8")

SVG_TEXT_HEIGHTS = """(roots) => roots.flatMap((root) => [...root.querySelectorAll("svg text")]
  .filter((t) => t.textContent.trim() && t.getClientRects().length)
  .map((t) => [t.textContent.trim(), t.getBoundingClientRect().height]))"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name", WIDGET_PAGES)
def test_book_widgets_readable(browser, book, name, theme, width):  # noqa: F811
    """Every text and control of every widget at 4.5:1 or more, in the theme's light and dark modes (dimmed labels
    included: the stepper is checked at its first frame, where all but the input units are dimmed, and mid-step);
    at 390 px every diagram label is 11 px tall or more."""
    pg, log = open_page(browser, book, viewport={"width": width, "height": 900})
    pg.goto(f"{book}/{name}")
    pg.evaluate(f"document.documentElement.dataset.theme = {theme!r}")
    roots = pg.locator("[data-bpnet-widget]")
    assert roots.count() >= 1
    for i in range(roots.count()):
        roots.nth(i).locator("svg").first.wait_for(timeout=15_000)
    handles = [roots.nth(i).element_handle() for i in range(roots.count())]
    for moment in ("first frame", "mid-step"):
        if moment == "mid-step":
            for i in range(roots.count()):
                step = roots.nth(i).locator("button[data-action=step]")
                for _ in range(6 if roots.nth(i).get_attribute("data-bpnet-widget") == "stepper" else 0):
                    step.click()
        result = pg.evaluate(CONTRAST, [handles, 4.5])
        assert result["n"] > 20, result
        assert result["bad"] == [], f"{theme}, {width} px, {moment}:\n" + "\n".join(result["bad"])
    if width == 390:
        heights = pg.evaluate(SVG_TEXT_HEIGHTS, handles)
        assert heights, "no diagram labels"
        small = [(t, round(hh, 1)) for t, hh in heights if hh < 11]
        assert small == [], f"labels under 11 px at 390 px: {small[:10]}"
    assert not log.problems(), "\n".join(log.problems())
    pg.context.close()


@pytest.mark.parametrize("name", EQUATION_PAGES)
def test_numbered_equations_clear_of_their_numbers_at_390(browser, book, name):  # noqa: F811
    """At a phone's width a wide display equation scrolls in its own box; it never runs under its number."""
    pg, log = open_page(browser, book, viewport=PHONE)
    pg.goto(f"{book}/{name}")
    pg.wait_for_function("document.querySelectorAll('div.math mjx-container').length > 0", timeout=20_000)
    boxes = pg.evaluate("""() => [...document.querySelectorAll('div.math')].filter((d) => d.querySelector('.eqno'))
      .map((d) => {
        const e = d.querySelector('.eqno'), m = d.querySelector('mjx-container'), r = m.getBoundingClientRect();
        return [e.textContent, r.right, e.getBoundingClientRect().left, m.scrollWidth > m.clientWidth,
                getComputedStyle(m).overflowX];
      })""")
    assert boxes, "no numbered equation"
    for number, right, left, wide, overflow in boxes:
        assert right <= left + 0.5, f"{name}: equation {number} runs under its number ({right:.0f} > {left:.0f})"
        if wide:
            assert overflow in ("auto", "scroll"), f"{name}: equation {number} is cut off, not scrollable"
    assert not log.problems(), "\n".join(log.problems())
    pg.context.close()


def frame(root) -> int:
    return int(root.locator("svg.bp-svg").get_attribute("data-frame"))


def test_keyboard_selects_an_edge(page):
    """Tab reaches the diagram (one tab stop), the arrow keys move between units and weights, Enter selects: the
    weight's numbers, the "show" list and the hint follow."""
    root = page.locator("[data-bpnet-widget=weights]")
    svg = root.locator("svg.bp-svg")
    assert svg.locator("[tabindex='0']").count() == 1
    root.locator("select[data-control=param]").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => Boolean(document.activeElement.closest('svg.bp-svg'))"):
            break

    def focused() -> list[str]:
        return page.evaluate("() => [document.activeElement.dataset.id, document.activeElement.ariaLabel]")

    assert focused()[0] == "w2_0_0"  # the tab stop is the selected weight
    svg.locator("[data-id=n0_0]").focus()  # walk from the first unit
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    assert focused() == ["w1_1_0", "w 0.2500: w⁽¹⁾₂₁ = 0.2500"]  # the drawn text, then the symbol
    page.keyboard.press("Enter")
    edge = svg.locator("[data-id=w1_1_0]")
    assert edge.get_attribute("aria-pressed") == "true" and "bp-sel" in edge.get_attribute("class")
    assert root.locator(".bp-eq.bp-sel").get_attribute("data-target") == "w1_1_0"
    assert root.locator("select[data-control=param] option:checked").inner_text() == "w⁽¹⁾₂₁"
    assert root.locator(".bp-caption").inner_text().startswith("Showing w⁽¹⁾₂₁ and the cost.")
    assert svg.locator("[tabindex='0']").count() == 1
    page.keyboard.press("ArrowUp")
    page.keyboard.press(" ")
    assert root.locator(".bp-eq.bp-sel").get_attribute("data-target") == "w1_0_1"


def test_arrow_keys_step_the_stepper_wherever_the_focus_is_inside(page):
    root = page.locator("[data-bpnet-widget=stepper]")
    root.locator("[data-id=n0_0]").click()  # a unit of the diagram
    page.keyboard.press("ArrowRight")
    assert frame(root) == 1
    root.locator("button[data-action=play]").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert frame(root) == 2
    root.locator(".bp-side").click()  # anywhere in the widget
    page.keyboard.press("End")
    last = int(root.locator("input[data-control=scrub]").get_attribute("max"))
    assert frame(root) == last
    page.keyboard.press("Home")
    assert frame(root) == 0
    lr = root.locator("input[data-control=lr]")
    readout = root.locator("output.bp-readout").inner_text()
    lr.focus()
    page.keyboard.press("ArrowRight")  # a slider keeps its own arrow keys: η moves, the frame does not
    assert frame(root) == 0 and root.locator("output.bp-readout").inner_text() != readout


def test_sliders_say_values_not_positions(page):
    stepper, weights = page.locator("[data-bpnet-widget=stepper]"), page.locator("[data-bpnet-widget=weights]")
    lr = stepper.locator("input[data-control=lr]")
    assert lr.get_attribute("aria-valuetext") == "η = 0.5"
    lr.focus()
    page.keyboard.press("ArrowRight")
    assert lr.get_attribute("aria-valuetext") == stepper.locator("output.bp-readout").inner_text() != "η = 0.5"
    scrub = stepper.locator("input[data-control=scrub]")
    assert scrub.get_attribute("aria-valuetext").startswith("frame 1 of ")
    assert scrub.get_attribute("aria-valuetext").endswith(": Input")
    assert weights.locator("input[data-control=value]").get_attribute("aria-valuetext") == "w⁽²⁾₁₁ = 0.4"


def edge_widths(root) -> dict[str, float]:
    return root.evaluate("""(r) => Object.fromEntries([...r.querySelectorAll('.bp-edge:not(.bp-link)')].map((g) => [
      g.dataset.id, parseFloat(g.querySelector('line:not(.bp-hit):not(.bp-casing)').getAttribute('stroke-width'))]))""")


def test_edge_widths_follow_the_state_on_screen(page):
    """The as-given weights (0.15 to 0.55) span the widths instead of drawing as hairlines under a scale taken from
    the most extreme run; after a weight is set to 5 the others are drawn relative to it."""
    root = page.locator("[data-bpnet-widget=weights]")
    w = edge_widths(root)
    assert len(w) == 8 and min(w.values()) > 2 and max(w.values()) == 6, w
    number = root.locator("input[data-control=number]")
    number.fill("5")
    number.press("Enter")
    page.wait_for_function("r => r.querySelector('[data-id=w2_0_0] title').textContent.includes('= 5.000')",
                           arg=root.element_handle(), timeout=5_000)
    after = edge_widths(root)
    assert after["w2_0_0"] == 6 and after["w2_1_1"] < w["w2_1_1"], after


def test_selection_is_not_blue(page):
    """Blue means negative in the palette: a selected unit's ring and a selected edge's casing are near-black."""
    root = page.locator("[data-bpnet-widget=weights]")
    root.locator("svg [data-id=n1_0]").click()
    ring = root.locator("svg [data-id=n1_0] circle").evaluate("c => getComputedStyle(c).stroke")
    root.locator("svg [data-id=w2_1_0]").click()
    casing = root.locator("[data-id=w2_1_0] .bp-casing").evaluate("c => getComputedStyle(c).stroke")
    for color in (ring, casing):
        r, g, b = (int(v) for v in color[color.index("(") + 1:-1].split(",")[:3])
        assert max(r, g, b) < 60 and b - max(r, g) < 16, color


def test_weights_table_scrolls_with_a_visible_cue_at_390(browser, widgets):  # noqa: F811
    """At 390 px the table is wider than the widget: it scrolls sideways, and a shadow at the edge where more lies
    (none at an edge with nothing beyond) says so."""
    from PIL import Image

    pg, log = open_widgets(browser, widgets, viewport=PHONE)
    box = pg.locator("[data-bpnet-widget=weights] .bp-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth + 2 && getComputedStyle(b).overflowX === 'auto'")
    pg.wait_for_function("b => b.closest('.bp-side').dataset.more === 'right'", arg=box.element_handle())

    def edges() -> tuple[int, int]:
        """The median brightness of the first and last columns of pixels (white where there is no shadow)."""
        im = Image.open(io.BytesIO(box.screenshot())).convert("L")
        column = lambda x: sorted(im.getpixel((x, y)) for y in range(im.height))[im.height // 2]  # noqa: E731
        return column(1), column(im.width - 2)

    left, right = edges()
    assert left > 245 and right < 225, (left, right)
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    pg.wait_for_function("b => b.closest('.bp-side').dataset.more === 'left'", arg=box.element_handle())
    left, right = edges()
    assert left < 225 and right > 245, (left, right)
    assert not log.problems(), "\n".join(log.problems())
    pg.context.close()


def test_no_scroll_cue_where_nothing_scrolls(page):
    """At 1280 px the diagram and the table fit: no shadow."""
    root = page.locator("[data-bpnet-widget=weights]")
    page.wait_for_function("r => r.querySelector('.bp-side').hasAttribute('data-more')", arg=root.element_handle())
    assert root.locator(".bp-view").get_attribute("data-more") == ""
    assert root.locator(".bp-side").get_attribute("data-more") == ""
    assert root.locator(".bp-scroll").evaluate("b => getComputedStyle(b).boxShadow") == "none"


def test_every_slider_says_its_value(page):
    """Every slider of the four widgets carries aria-valuetext (a screen reader says "η = 0.5", not "52")."""
    sliders = page.locator("[data-bpnet-widget] input[type=range]")
    assert sliders.count() >= 6
    missing = [sliders.nth(i).get_attribute("aria-label") or sliders.nth(i).get_attribute("data-control")
               for i in range(sliders.count()) if not sliders.nth(i).get_attribute("aria-valuetext")]
    assert missing == [], f"sliders without aria-valuetext: {missing}"


def test_arrow_keys_step_the_lab_widgets_too(page):
    """The cost surface and the training explorer draw themselves (lab.js); the arrow keys step them as well."""
    surface = page.locator("[data-bpnet-widget=surface]")
    scrub = surface.locator("input[type=range]").first
    surface.locator(".bp-side").click()
    before = scrub.get_attribute("aria-valuetext")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert scrub.get_attribute("aria-valuetext") != before
    page.keyboard.press("Home")
    assert scrub.get_attribute("aria-valuetext") == before
    explorer = page.locator("[data-bpnet-widget=explorer]")
    caption = explorer.locator(".bp-side")
    text = caption.inner_text()
    caption.click()
    page.keyboard.press("ArrowRight")  # one epoch
    page.wait_for_function("([c, t]) => c.innerText !== t", arg=[caption.element_handle(), text], timeout=5_000)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_in_page_copy_says_so(browser, widgets, theme, width):  # noqa: F811
    """Each static output carries the caption that tells it from the live widget (issue 13): the words, visible, at
    4.5:1 or more in light and dark mode, inside the page's width at 390 px."""
    from bpnet.widgets.embed import STATIC_BADGE

    pg, log = open_widgets(browser, widgets, viewport={"width": width, "height": 900})
    pg.evaluate(f"document.documentElement.dataset.theme = {theme!r}")
    badges = pg.locator("[data-bpnet-widget] > [data-bp-badge=static]")
    assert badges.count() == pg.locator("[data-bpnet-widget]").count() == 4
    for i in range(4):
        badge = badges.nth(i)
        assert badge.is_visible() and badge.inner_text().strip() == STATIC_BADGE
        box = badge.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"caption {i} outside the page at {width} px"
    result = pg.evaluate(CONTRAST, [[badges.nth(i).element_handle() for i in range(4)], 4.5])
    assert result["n"] >= 4 and result["bad"] == [], result
    assert not log.problems(), "\n".join(log.problems())
    pg.context.close()
