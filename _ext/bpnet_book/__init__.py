"""Local Sphinx extension: make the built book work with no network.

* MathJax 3, require.js and the ipywidgets HTML manager are served from `_static/_offline/` in the built site.
  `make assets` vendors them into `_vendor/html/_static/_offline/`, published through `html_extra_path` (not
  `html_static_path`: Jupyter Book injects every .js of a static folder into every page).
* `bpnet-widgets-offline.js` (in `extra/_static/_offline/`) configures RequireJS `paths` and adapts the MathJax 2
  API that html-manager calls onto MathJax 3.
* `window.FontAwesomeConfig = {autoReplaceSvg: "nest"}` runs before the theme's (deferred) Font Awesome
  script, so `ipywidgets.Play` keeps its `<i>` icons.
* sphinx-thebe registers its inline config (`const THEBE_JS_URL = ...`) with `app.add_js_file(None, ...)` from
  an env-before-read-docs handler, i.e. after the HTML builder exists: Sphinx stores it in the registry and in
  the builder's list; when the builder's list is rebuilt from the registry the filename None becomes '' and
  `_JavaScript(None) != _JavaScript('')` defeats the de-duplication, so every page declares the `const` twice
  (SyntaxError in the console). Launch buttons and thebe are off, so thebe's page assets are dropped.
* `bpnet-search.js` lets a search for "δ" find what the index stores as "delta" (the TeX of the maths), and
  turns the maths of a result page into symbols before Sphinx cuts the snippet shown under the result.
* `bpnet-book.css` (in `extra/_static/_offline/`): the book's own CSS (link contrast inside admonitions, the
  proof index in dark mode); `a11y` fixes the markup of the bibliography and of myst-nb's hidden-input toggle;
  `bpnet-tabstops.js` gives code that scrolls sideways inside a solution a tab stop once the solution opens.
  tests/browser/test_accessibility.py runs axe-core over every page.
* `bpnet-widgets.js`: the widgets' renderer, engine, formatter and stylesheet, written once per build from
  bpnet/widgets/static/ (:func:`bpnet.widgets.assets.classic`, one classic script, so it also runs from file://)
  and loaded by each page that holds a widget output (`data-bpnet-widget`); the outputs carry only their data.
* `prose` reads the chapters' `{eval}`glued("name", "fmt")`` numbers as myst-nb's `{glue:text}` (bpnet.glue).
* `answers` adds an answer form to each exercise that bpnet can check in the page (bpnet.exercises.page).
* `external_check` fails the build (a warning; fatal under -W) if any page still references an external
  script, stylesheet, image or iframe.
"""
from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from . import a11y, answers, external_check, prose

HERE = Path(__file__).parent
VENDOR_HTML = Path("_vendor") / "html"  # relative to the book root (Sphinx confdir)
# Script paths are relative to _static/ (Sphinx's rule for add_js_file and mathjax_path) and rewritten per
# page, so chapters/ pages load ../_static/_offline/... . The folder name must not match exclude_patterns.
OFFLINE = "_offline"
MATHJAX = f"{OFFLINE}/mathjax/es5/tex-mml-chtml.js"
REQUIREJS = f"{OFFLINE}/requirejs/require.js"
WIDGETS_ADAPTER = f"{OFFLINE}/bpnet-widgets-offline.js"
SEARCH = f"{OFFLINE}/bpnet-search.js"  # symbols in search queries, no raw TeX in result snippets
BOOK_CSS = f"{OFFLINE}/bpnet-book.css"  # the book's own CSS (contrast fixes)
TABSTOPS = f"{OFFLINE}/bpnet-tabstops.js"  # keyboard access to code that scrolls inside opened solutions
WIDGETS = f"{OFFLINE}/bpnet-widgets.js"  # bpnet.widgets' static outputs: renderer, engine, formatter, stylesheet
EMBED_AMD = f"{OFFLINE}/html-manager/dist/embed-amd.js"
REQUIRED = (MATHJAX, REQUIREJS, EMBED_AMD)

FONTAWESOME_CONFIG = 'window.FontAwesomeConfig = {autoReplaceSvg: "nest"};'


def _configure(app: Sphinx, config) -> None:
    """config-inited: point MathJax and myst-nb's widget scripts at the local copies."""
    vendor = Path(app.confdir) / VENDOR_HTML
    missing = [name for name in REQUIRED if not (vendor / "_static" / name).is_file()]
    if missing:
        raise ExtensionError(
            f"vendored web assets missing under {vendor} ({', '.join(missing)}): run `make assets` "
            "(fetches pinned MathJax, require.js and the ipywidgets HTML manager with npm)"
        )
    config.html_extra_path = [*config.html_extra_path, str(vendor), str(HERE / "extra")]
    config.mathjax_path = MATHJAX
    # Ordered: require.js, then its `paths` config + MathJax 2->3 adapter, then the widget manager.
    config.nb_ipywidgets_js = {REQUIREJS: {}, WIDGETS_ADAPTER: {}, EMBED_AMD: {}}


def _is_thebe_asset(js) -> bool:
    filename = getattr(js, "filename", js) or ""
    body = getattr(js, "attributes", {}).get("body", "") if hasattr(js, "attributes") else ""
    return "sphinx-thebe.js" in str(filename) or "THEBE_JS_URL" in body


def _drop_thebe_assets(app: Sphinx, env, docnames) -> None:
    """env-before-read-docs (runs after sphinx-thebe's handler): remove thebe's page scripts."""
    if app.config.html_theme_options.get("launch_buttons", {}).get("thebe"):
        return
    app.registry.js_files = [(f, kw) for f, kw in app.registry.js_files
                             if not (f and "sphinx-thebe.js" in f) and "THEBE_JS_URL" not in kw.get("body", "")]
    builder = getattr(app, "builder", None)
    if builder is not None and hasattr(builder, "script_files"):
        builder.script_files[:] = [js for js in builder.script_files if not _is_thebe_asset(js)]


def _write_widgets(app: Sphinx) -> None:
    """builder-inited: write the widgets' script into the output's _static/ (before any page, so that Sphinx can
    add its checksum to each page's link and a reader's browser never keeps a stale copy)."""
    from bpnet.widgets.assets import classic

    path = Path(app.outdir) / "_static" / WIDGETS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(classic(), encoding="utf-8")


def _add_widgets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """html-page-context: a page that holds a widget output loads the widgets' script (in its head, before the
    outputs' one-line mount calls run)."""
    if "data-bpnet-widget=" in context.get("body", ""):
        app.add_js_file(WIDGETS)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _write_widgets)
    app.connect("html-page-context", _add_widgets)
    # priority > 500 so it runs after sphinx-thebe's env-before-read-docs handler
    app.connect("env-before-read-docs", _drop_thebe_assets, priority=900)
    app.add_js_file(None, body=FONTAWESOME_CONFIG, priority=100)
    app.add_js_file(SEARCH)
    app.add_css_file(BOOK_CSS)
    app.add_js_file(TABSTOPS)
    a11y.setup(app)
    prose.setup(app)  # the prose's {eval}`glued(...)` numbers (prose.py)
    answers.setup(app)  # exercises checked in the page (answers.py)
    external_check.setup(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
