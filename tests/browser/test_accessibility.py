"""Accessibility, checked by axe-core (pinned in tools/vendor_assets.sh; `make assets` puts it in
_vendor/test/axe-core, and it is injected from that file: no network, not published with the book).

* Every built page, in light and in dark mode and on a 390 px phone, with every solution and hidden code cell
  opened so that axe sees them: no critical or serious violation. The only exceptions are the theme's, listed in
  THEME with their reasons (rule id + a CSS selector the element must match); nothing the book writes is excused.
* The four widgets, from the current bpnet code (no build needed, so a change to bpnet/widgets/static is checked
  before the chapters that embed it are re-executed), on a light and a dark page and at 390 px: no violation,
  every control has an accessible name and a visible keyboard-focus ring, and sliders say what they select
  ("η = 0.5"), not their position on the track.

BPNET_BOOK_HTML=/path/to/html checks another build than _build/html (e.g. one built with --path-output).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser_support import REPO, browser, open_page, serve, serve_book  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser

BUILD = Path(os.environ.get("BPNET_BOOK_HTML") or REPO / "_build" / "html")
AXE = REPO / "_vendor" / "test" / "axe-core" / "axe.min.js"
ASSET_DIRS = {"_static", "_sources", "_images", "_offline", "_sphinx_design_static"}
MODES = ("light", "dark")
# (color mode, viewport width): the book's two modes on a laptop, and a phone
VIEWS = [pytest.param(("light", 1280), id="light"), pytest.param(("dark", 1280), id="dark"),
         pytest.param(("light", 390), id="light-390px")]
FAILING = ("critical", "serious")


@dataclass(frozen=True)
class Excuse:
    rule: str  # axe rule id
    selector: str  # CSS selector the offending element must match
    reason: str


# Findings that belong to the theme (sphinx-book-theme / pydata-sphinx-theme templates), not to the book.
THEME = (
    Excuse("label-content-name-mismatch", "button.search-button__button",
           "pydata-sphinx-theme's search button (header and sidebar, every page): its aria-label 'Search' leaves out "
           "the 'Ctrl + K' shortcut it shows, so the name does not contain all of its visible text."),
    Excuse("label-content-name-mismatch", "button.theme-switch-button",
           "pydata-sphinx-theme's color-mode button (every page): aria-label 'Color mode', while the icon it shows "
           "carries the title 'Light', 'Dark' or 'System Settings'."),
)

AXE_RUN = """async ([context, excuses]) => {
  const result = await axe.run(context || document, {resultTypes: ['violations']});
  const out = [];
  for (const v of result.violations) for (const n of v.nodes) {
    let el = null;
    try { el = n.target.length === 1 ? document.querySelector(n.target[0]) : null; } catch (e) { el = null; }
    const excuse = excuses.findIndex(([rule, sel]) => rule === v.id && el !== null && el.matches(sel));
    out.push({rule: v.id, impact: n.impact || v.impact, target: n.target.join(' '), html: n.html.slice(0, 160),
              summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 240), excuse});
  }
  return out;
}"""

# Solutions (sphinx-togglebutton) and folded code (<details>) opened, so that axe checks what they hold.
OPEN_HIDDEN = """() => {
  document.querySelectorAll('button.toggle-button').forEach(b => { if (b.closest('.toggle-hidden')) b.click(); });
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  return document.querySelectorAll('.toggle-hidden').length;
}"""

SETTLED = """async () => {
  if (window.MathJax && MathJax.startup) await MathJax.startup.promise;
  const roots = document.querySelectorAll('[data-bpnet-widget]:not([data-bpnet-widget] [data-bpnet-widget])');
  return Array.from(roots).every(r => r.querySelector('.bp-controls, .bp-svg'));
}"""


def built_pages() -> list[str]:
    """Every built page (relative path); a single failing case when there is no build."""
    if not (BUILD / "index.html").is_file():
        return ["<no build>"]
    return sorted(str(p.relative_to(BUILD)) for p in BUILD.rglob("*.html")
                  if not ASSET_DIRS.intersection(p.relative_to(BUILD).parts))


def axe_source() -> Path:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make assets` (vendors the pinned axe-core from npm)")
    return AXE


@pytest.fixture(scope="module")
def site():
    """Serve the built book on 127.0.0.1 (a free port); yields the origin URL."""
    yield from serve_book(BUILD)


def run_axe(page, context=None, excuses=()) -> list[dict]:
    page.add_script_tag(path=str(axe_source()))
    return page.evaluate(AXE_RUN, [context, [[e.rule, e.selector] for e in excuses]])


def describe(found: list[dict]) -> str:
    return "\n".join(f"  {v['impact']} {v['rule']}: {v['target']}\n    {v['html']}\n    {v['summary']}" for v in found)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("page_path", built_pages())
def test_page_has_no_serious_violation(browser, site, page_path, view):  # noqa: F811 (pytest fixture imported by name from browser_support)
    """axe-core over the page, solutions and folded code opened: no critical or serious violation but the theme's."""
    mode, width = view
    page, log = open_page(browser, site, viewport={"width": width, "height": 900})
    page.add_init_script(f"localStorage.setItem('mode', '{mode}');")  # pydata-sphinx-theme's color mode
    page.goto(f"{site}/{page_path}", wait_until="load")
    try:  # a settling heuristic only: problems are reported by the other browser tests
        page.wait_for_load_state("networkidle", timeout=15_000)
    except PlaywrightTimeoutError:
        pass
    assert page.evaluate("() => document.documentElement.dataset.theme") == mode
    page.wait_for_function(SETTLED, timeout=15_000)
    still_hidden = page.evaluate(OPEN_HIDDEN)
    assert still_hidden == 0, f"{page_path}: {still_hidden} solutions did not open"
    page.wait_for_timeout(300)  # the toggles' transitions
    found = run_axe(page, excuses=THEME)
    failing = [v for v in found if v["impact"] in FAILING and v["excuse"] < 0]
    assert not failing, \
        f"{page_path} ({mode} mode, {width} px): {len(failing)} critical or serious violations:\n" + describe(failing)
    page.context.close()


# ---- the widgets, from the current bpnet code --------------------------------------------------------------------
# The page around them is light or dark like the book's (the browser's own colors follow color-scheme).
WIDGET_PAGE = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>widgets</title><style>'
               ":root {{ color-scheme: {mode}; background: Canvas; color: CanvasText; }}</style>"
               '<script src="{script}"></script></head>'
               "<body><main><h1>widgets</h1>{body}</main></body></html>")
WIDGET_ROOTS = "[data-bpnet-widget]"
CONTROLS = "button, input, select, textarea, a[href], [tabindex]:not([tabindex='-1'])"

# Every control in a widget: its accessible name (axe's computation) and its focus outline.
CONTROL_FACTS = """(roots, controls) => {
  axe.setup(document);  // axe's tree of the page, which its name computation reads
  try {
    return roots.flatMap(root => Array.from(root.querySelectorAll(controls)).filter(e => e.offsetParent !== null)
      .map(e => ({html: e.outerHTML.slice(0, 120), name: axe.commons.text.accessibleText(e).trim()})));
  } finally { axe.teardown(); }
}"""

# An HTML control shows focus by an outline of at least 2 px; a unit or weight of the SVG diagram by a dashed stroke
# of at least 3 px on its own shape (an outline would box a diagonal edge); the pixel test below checks either shows.
FOCUS_RING = """e => { const s = getComputedStyle(e);
  const svgRing = e instanceof SVGElement && [...e.children].some(c => {
    const cs = getComputedStyle(c); return cs.strokeDasharray !== 'none' && parseFloat(cs.strokeWidth) >= 3; });
  return {inWidget: !!e.closest('[data-bpnet-widget]'), focusVisible: e.matches(':focus-visible'),
          outline: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || svgRing,
          html: e.outerHTML.slice(0, 120)}; }"""


@pytest.fixture(scope="module")
def widget_site(tmp_path_factory):
    from bpnet.widgets import static_explorer, static_stepper, static_surface, static_weights
    from bpnet.widgets.assets import BUNDLE_NAME, classic

    root = tmp_path_factory.mktemp("a11y-widgets")
    outs = [static_stepper(), static_weights(), static_explorer(("xor", "moons", "circles"), epochs=60),
            static_surface()]
    body = "".join(o.html for o in outs)
    (root / BUNDLE_NAME).write_text(classic(), "utf-8")  # the site's one script, as the book's extension serves it
    for mode in MODES:
        (root / f"{mode}.html").write_text(WIDGET_PAGE.format(mode=mode, body=body, script=BUNDLE_NAME), "utf-8")
    origin, server = serve(root)
    yield origin
    server.shutdown()
    server.server_close()


def open_widgets(browser, origin, mode, width=1280):  # noqa: F811 (pytest fixture imported by name from browser_support)
    page, log = open_page(browser, origin, color_scheme=mode, viewport={"width": width, "height": 900})
    page.goto(f"{origin}/{mode}.html")
    page.locator(f"{WIDGET_ROOTS} .bp-controls").nth(3).wait_for(timeout=15_000)  # all four mounted
    return page, log


@pytest.mark.parametrize("view", VIEWS)
def test_widgets_have_no_violation(browser, widget_site, view):  # noqa: F811 (pytest fixture imported by name from browser_support)
    """No violation of any impact inside the widgets, on a light or a dark page (an unstyled control would take the
    dark page's colors onto the widget's light face) and on a phone (a panel that scrolls sideways)."""
    mode, width = view
    page, log = open_widgets(browser, widget_site, mode, width)
    found = run_axe(page, context={"include": [[WIDGET_ROOTS]]})
    assert not found, f"widgets on a {mode} page, {width} px:\n" + describe(found)
    assert not log.problems(), "\n".join(log.problems())
    page.context.close()


def test_widget_controls_are_named_and_show_focus(browser, widget_site):  # noqa: F811 (pytest fixture imported by name from browser_support)
    """Every control has an accessible name, and reaching it with Tab draws a ring: the pixels around it change."""
    page, log = open_widgets(browser, widget_site, "light")
    page.add_script_tag(path=str(axe_source()))
    facts = page.locator(WIDGET_ROOTS).evaluate_all(CONTROL_FACTS, CONTROLS)
    assert len(facts) >= 10, f"expected the widgets' controls, found {len(facts)}"
    unnamed = [f["html"] for f in facts if not f["name"]]
    assert not unnamed, f"controls without an accessible name: {unnamed}"

    controls = page.locator(f":is({WIDGET_ROOTS}) :is({CONTROLS}):visible")
    count = controls.count()
    boxes = [controls.nth(i).bounding_box() for i in range(count)]
    clips = [{"x": b["x"] - 6, "y": b["y"] - 6, "width": b["width"] + 12, "height": b["height"] + 12} for b in boxes]
    page.evaluate("() => window.scrollTo(0, 0)")
    plain = [page.screenshot(clip=c, full_page=True) for c in clips]
    page.locator("h1").click()  # the Tab sequence starts before the first widget
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    seen = set()
    for _ in range(count + 20):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("() => document.activeElement")
        ring = focused.evaluate(FOCUS_RING)
        if not ring["inWidget"]:
            continue
        i = next(j for j in range(count) if controls.nth(j).evaluate("(e, f) => e === f", focused))
        if i in seen:
            break
        seen.add(i)
        assert ring["focusVisible"] and ring["outline"], f"no focus outline on {ring['html']}"
        assert page.screenshot(clip=clips[i], full_page=True) != plain[i], f"focus changes no pixel: {ring['html']}"
    assert len(seen) == count, f"Tab reached {len(seen)} of the widgets' {count} controls"
    assert not log.problems(), "\n".join(log.problems())
    page.context.close()


def test_widget_sliders_say_what_they_select(browser, widget_site):  # noqa: F811 (pytest fixture imported by name from browser_support)
    """A screen reader hears the learning rate ("η = 0.5") and the phase or step, not a slider position."""
    page, log = open_widgets(browser, widget_site, "light")
    sliders = page.locator(f"{WIDGET_ROOTS} input[type=range]")
    assert sliders.count() >= 4
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        text = slider.get_attribute("aria-valuetext") or ""
        assert text and text != slider.input_value(), f"slider {slider.get_attribute('aria-label')!r}: {text!r}"
    stepper = page.locator("[data-bpnet-widget=stepper]")
    lr = stepper.locator("input[data-control=lr]")
    readout = stepper.locator("output.bp-readout")
    assert lr.get_attribute("aria-valuetext") == readout.inner_text()
    assert readout.inner_text().startswith("η = ")
    before = lr.get_attribute("aria-valuetext")
    lr.focus()
    lr.press("ArrowRight" if lr.evaluate("e => +e.value < +e.max") else "ArrowLeft")
    assert lr.get_attribute("aria-valuetext") == readout.inner_text() != before
    scrub = stepper.locator("input[data-control=scrub]")
    first = scrub.get_attribute("aria-valuetext")
    stepper.locator("button[data-action=step]").click()
    assert scrub.get_attribute("aria-valuetext") != first
    assert not log.problems(), "\n".join(log.problems())
    page.context.close()
