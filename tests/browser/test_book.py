"""The built HTML book in headless Chromium with the network blocked (`make book` first; `make test` does it).

Every page: no console error, no failed or non-local request, no broken image, maths typeset by the vendored
MathJax, prev/next links; notebook pages offer the .ipynb download; no launch buttons; search works; and every
interactive output responds to its controls.
"""
from __future__ import annotations

import os
import re

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser_support import REPO, browser, open_page, serve_book  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser

BUILD = REPO / "_build" / "html"
SEARCH_QUERY = os.environ.get("BPNET_SEARCH_QUERY", "delta")
ASSET_DIRS = {"_static", "_sources", "_images", "_offline", "_sphinx_design_static"}
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def built_pages() -> list[str]:
    """Every built page (relative path); a single failing case when there is no build."""
    if not (BUILD / "index.html").is_file():
        return ["<no build>"]
    return sorted(str(p.relative_to(BUILD)) for p in BUILD.rglob("*.html")
                  if not ASSET_DIRS.intersection(p.relative_to(BUILD).parts))


def toc_files() -> list[str]:
    """Documents in reading order, from _toc.yml (root first)."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", [{"chapters": toc.get("chapters", [])}]):
        stack = list(part.get("chapters", []))
        while stack:
            entry = stack.pop(0)
            files.append(entry["file"])
            stack[0:0] = entry.get("sections", [])
    return [re.sub(r"\.(md|ipynb)$", "", f) for f in files]


def interactive_cases() -> list[pytest.param]:
    """(page, kind) for each page holding interactive outputs of that kind, from the built HTML."""
    cases = []
    for page in built_pages():
        if page == "<no build>":
            return [pytest.param(page, "none", id="no-build")]
        html = (BUILD / page).read_text(encoding="utf-8", errors="replace")
        if "data-bpnet-widget=" in html:
            cases.append(pytest.param(page, "bpnet", id=f"{page}-bpnet"))
        if WIDGET_STATE in html:
            cases.append(pytest.param(page, "ipywidgets", id=f"{page}-ipywidgets"))
    return cases


@pytest.fixture(scope="session")
def site():
    """Serve _build/html on 127.0.0.1 (a free port); yields the origin URL."""
    yield from serve_book(BUILD)


def load(browser, site, page_path):  # noqa: F811 (pytest fixture imported by name from browser_support)
    page, log = open_page(browser, site)
    page.goto(f"{site}/{page_path}", wait_until="load")
    try:  # a settling heuristic only: failed or blocked requests are asserted through `log`, not here
        page.wait_for_load_state("networkidle", timeout=15_000)
    except PlaywrightTimeoutError:
        pass
    return page, log


MATH_READY = """async () => {
  if (!document.querySelector('.math')) return 'no math';
  if (!window.MathJax || !MathJax.startup) return 'MathJax not loaded';
  await MathJax.startup.promise;
  return 'typeset';
}"""

UNTYPESET_TEXT = """() => {
  const body = document.querySelector('main') || document.body;
  const copy = body.cloneNode(true);
  copy.querySelectorAll('pre, code, script, style, mjx-container, textarea').forEach(e => e.remove());
  return copy.textContent;
}"""

BROKEN_IMAGES = """async () => {
  const imgs = Array.from(document.images);
  imgs.forEach(i => { i.loading = 'eager'; });
  await Promise.all(imgs.map(i => i.complete ? null : new Promise(r => {
    i.addEventListener('load', r); i.addEventListener('error', r); setTimeout(r, 5000); })));
  return imgs.filter(i => i.naturalWidth === 0).map(i => i.getAttribute('src'));
}"""


@pytest.mark.parametrize("page_path", built_pages())
def test_page_is_clean_offline(browser, site, page_path):  # noqa: F811 (pytest fixture imported by name from browser_support)
    page, log = load(browser, site, page_path)
    state = page.evaluate(MATH_READY)
    assert state != "MathJax not loaded", f"{page_path}: page has maths but MathJax did not load"
    if state == "typeset":
        untypeset = page.eval_on_selector_all(".math", "els => els.filter(e => !e.querySelector('mjx-container'))"
                                                       ".map(e => e.textContent.slice(0, 80))")
        assert not untypeset, f"{page_path}: maths not typeset by MathJax: {untypeset}"
    text = page.evaluate(UNTYPESET_TEXT)
    for raw in ("\\(", "\\[", "$$"):
        assert raw not in text, f"{page_path}: raw TeX {raw!r} left in the page text"
    broken = page.evaluate(BROKEN_IMAGES)
    assert not broken, f"{page_path}: broken images {broken}"
    check_toc_page(page, page_path)
    check_quiet_and_described(page, page_path)
    page.wait_for_timeout(300)  # late console errors (widgets render on load)
    assert not log.problems(), f"{page_path}:\n" + "\n".join(log.problems())
    page.context.close()


SILENT_CELLS = """() => Array.from(document.querySelectorAll('[role="main"] div.cell')).filter(cell => {
  const input = cell.querySelector(':scope > .cell_input');
  if (!input || input.closest('details') || input.offsetParent === null) return false;  // hidden or folded code
  const out = cell.querySelector(':scope > .cell_output');
  return !out || (!out.innerText.trim() && !out.querySelector('img, svg, iframe, .bpnet-widget, mjx-container'));
}).map(cell => cell.querySelector('.cell_input').innerText.slice(0, 80))"""

IMAGES_WITHOUT_ALT = r"""() => Array.from(document.querySelectorAll('[role="main"] img'))
  .map(i => [i.getAttribute('src'), (i.getAttribute('alt') || '').trim()])
  .filter(([src, alt]) => !alt || /^[0-9a-f]{16,}/.test(alt) || /\.(png|jpe?g|svg|gif)$/i.test(alt)
    || src.endsWith(alt))"""


def check_quiet_and_described(page, page_path: str) -> None:
    """A chapter shows at most one visible code cell that prints nothing (its imports): a check the prose calls a
    proof prints its line, and cells that only glue or assert are hidden from the book. Every image in the
    content says what it shows in its alt text (not a file name)."""
    if page_path.startswith("chapters/") and page_path.endswith(".html") and \
            (page_path.split("/")[-1][:2].isdigit() or page_path.endswith("mistakes.html")):
        silent = page.evaluate(SILENT_CELLS)
        assert len(silent) <= 1, f"{page_path}: {len(silent)} visible code cells print nothing: {silent}"
    no_alt = page.evaluate(IMAGES_WITHOUT_ALT)
    assert not no_alt, f"{page_path}: images without alt text that says what they show: {no_alt}"


def check_toc_page(page, page_path: str) -> None:
    """For a page of _toc.yml (on the page already loaded, rather than loading every page a second time):
    previous/next links exactly where the reading order has a neighbor, no launch buttons, and for a notebook a
    working .ipynb download link."""
    docs = toc_files()
    doc = page_path.removesuffix(".html")
    if doc not in docs:
        return
    n = docs.index(doc)
    has_prev = page.locator(".prev-next-area a.left-prev").count() > 0
    has_next = page.locator(".prev-next-area a.right-next").count() > 0
    assert has_prev == (n > 0), f"{page_path}: previous-page link {'missing' if n else 'unexpected'}"
    assert has_next == (n < len(docs) - 1), \
        f"{page_path}: next-page link {'missing' if n < len(docs) - 1 else 'unexpected'}"
    launch = page.locator(".dropdown-launch-buttons, .btn-launch-thebe, [class*='launch-button'],"
                          " a[href*='mybinder'], a[href*='colab.research'], a[href*='deepnote']")
    assert launch.count() == 0, f"{page_path}: launch buttons present"
    if (REPO / f"{doc}.ipynb").is_file():
        link = page.locator("a[href$='.ipynb']")
        assert link.count() > 0, f"{page_path}: no .ipynb download button"
        response = page.request.get(link.first.evaluate("a => a.href"))
        assert response.ok, f"{page_path}: .ipynb download link is broken"


def test_every_toc_document_is_built():
    """Every document of _toc.yml has a page (each is then checked by test_page_is_clean_offline)."""
    missing = [doc for doc in toc_files() if not (BUILD / f"{doc}.html").is_file()]
    assert not missing, f"_toc.yml lists documents that were not built: {missing}"
    assert {f"{doc}.html" for doc in toc_files()} <= set(built_pages())


@pytest.mark.parametrize("query", [SEARCH_QUERY, "δ"])
def test_search_finds(browser, site, query):  # noqa: F811 (pytest fixture imported by name from browser_support)
    """The symbol finds what its name finds (the index holds the maths as TeX: "delta"), the backward-pass chapter
    comes first, and the snippets under the results show symbols, not raw TeX."""
    page, log = load(browser, site, f"search.html?q={query}")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15000)
    assert results.count() > 0, f"search for {query!r} returned nothing"
    page.wait_for_function("() => /Search finished/.test(document.getElementById('search-results').innerText)",
                           timeout=15000)
    first = results.first.locator("a").first.get_attribute("href")
    assert "05_backward_pass" in first, f"search for {query!r}: the backward-pass chapter is not first ({first})"
    page.wait_for_timeout(1500)  # snippets arrive one page fetch at a time
    snippets = page.eval_on_selector_all("#search-results p.context", "els => els.map(e => e.textContent)")
    raw = [s for s in snippets if re.search(r"\\[a-zA-Z]+|\\[()\[\]]", s)]
    assert snippets and not raw, f"search for {query!r}: raw TeX in result snippets: {raw[:3]}"
    assert not log.problems(), "\n".join(log.problems())
    page.context.close()


# The chapters with widget outputs, and the most HTML each page may weigh (issue 12: 209, 430 and 356 KB when every
# output inlined the renderer, and the stepper and weights view held a precomputed grid of runs).
WIDGET_PAGES = {"chapters/03_chain_rule.html": 250_000, "chapters/04_hidden_layer.html": 250_000,
                "chapters/07_training.html": 250_000}
WIDGETS_SCRIPT = "_static/_offline/bpnet-widgets.js"


def test_widget_script_once_per_site_and_pages_small():
    """The renderer, engine and formatter are one file of the site (written by the book's extension from
    bpnet/widgets/static/), which each page with a widget output loads; no output inlines them; chapters 3, 4 and 7
    stay under their budgets."""
    from bpnet.widgets.assets import classic

    script = BUILD / WIDGETS_SCRIPT
    assert script.is_file(), f"{script} is missing: the book's extension writes it (run `make book`)"
    fresh = script.read_text(encoding="utf-8") == classic()
    assert fresh, f"{script} is not what bpnet/widgets/static/ makes now: run `make book`"
    with_widgets = []
    for page in built_pages():
        html = (BUILD / page).read_text(encoding="utf-8")
        if "data-bpnet-widget=" not in html:
            assert "bpnet-widgets.js" not in html, f"{page} loads the widgets' script but holds no widget"
            continue
        with_widgets.append(page)
        assert len(re.findall(r'<script src="[./]*_static/_offline/bpnet-widgets\.js[?"]', html)) == 1, page
        assert "function networkTree" not in html and 'type="module"' not in html, f"{page} inlines the renderer"
    assert set(WIDGET_PAGES) <= set(with_widgets)
    sizes = {page: (BUILD / page).stat().st_size for page in WIDGET_PAGES}
    over = {page: n for page, n in sizes.items() if n >= WIDGET_PAGES[page]}
    assert not over, f"pages over their budget of HTML bytes: {over}"


# kind: (outermost interactive containers, the controls to operate in each)
CONTROLS = {
    # bpnet.widgets static outputs (the JS renderer mounts inside the container; nested markers are skipped).
    "bpnet": ("[data-bpnet-widget]:not([data-bpnet-widget] [data-bpnet-widget])",
              "button[data-action=step]:visible:enabled, input[type=range]:visible:enabled"),
    # ipywidgets rendered by the HTML manager from embedded state.
    "ipywidgets": (".cell_output:has(.widget-subarea)",
                   ".widget-slider .noUi-handle:visible, input[type=range]:visible:enabled"),
}

# Move a slider one step, away from its end: ArrowRight unless already at the maximum.
NUDGE_KEY = """e => {
  const max = e.max !== undefined && e.max !== '' ? +e.max : +e.getAttribute('aria-valuemax');
  const val = e.value !== undefined && e.value !== '' ? +e.value : +e.getAttribute('aria-valuenow');
  return val >= max ? 'ArrowLeft' : 'ArrowRight';
}"""


def operate(page, control) -> None:
    if control.evaluate("e => e.tagName === 'BUTTON'"):
        control.click()
    else:
        control.focus()
        control.press(control.evaluate(NUDGE_KEY))
        if control.evaluate("e => e.matches('input[type=range]')"):
            control.dispatch_event("change")
    page.wait_for_timeout(150)


@pytest.mark.parametrize("page_path, kind", interactive_cases())
def test_interactive_outputs_respond(browser, site, page_path, kind):  # noqa: F811 (pytest fixture imported by name from browser_support)
    """Every interactive output on the page changes when any of its step buttons or sliders is used."""
    page, log = load(browser, site, page_path)
    container_sel, control_sel = CONTROLS[kind]
    containers = page.locator(container_sel)
    containers.first.wait_for(timeout=15000)
    for n in range(containers.count()):
        container = containers.nth(n)
        controls = container.locator(control_sel)
        try:
            controls.first.wait_for(timeout=15000)  # the renderer / widget manager has mounted the controls
        except Exception:
            pytest.fail(f"{page_path}: {kind} output #{n} shows no step button or slider to operate")
        for i in range(controls.count()):
            before = container.inner_html()
            operate(page, controls.nth(i))
            assert container.inner_html() != before, f"{page_path}: {kind} output #{n} ignored control #{i}"
    assert not log.problems(), "\n".join(log.problems())
    page.context.close()
