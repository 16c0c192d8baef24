"""Exercises checked in the page: an answer form inside each exercise box that bpnet can check without a kernel.

* builder-inited: ``_static/_offline/bpnet-answers-data.js`` sets ``window.BPNET_ANSWERS`` to
  :func:`bpnet.exercises.page.export_answers` (a classic script, written once per site: fetch() of a JSON file fails
  from file://). The expected values are numbers at random points (symbolic) or arrays the page never prints.
* html-page-context: a page whose body holds a checkable exercise box (``<div class="exercise ..." id="<label>">``)
  loads ``bpnet-widgets.js`` (it links ``bpnet/widgets/static/answers.js``, the checker), the data, ``bpnet-answers.js``
  (mounts the forms once the page is read) and ``bpnet-answers.css``.
tests/browser/test_answers.py checks the forms from a served build and from file://, offline.
"""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from sphinx.application import Sphinx

OFFLINE = "_offline"
DATA = f"{OFFLINE}/bpnet-answers-data.js"  #: window.BPNET_ANSWERS, written at build time
MOUNT = f"{OFFLINE}/bpnet-answers.js"  #: adds the forms (extra/_static/_offline/bpnet-answers.js)
CSS = f"{OFFLINE}/bpnet-answers.css"
_BOX = re.compile(r'<div class="exercise[^"]*" id="([^"]+)"')


@cache
def _labels() -> frozenset[str]:
    from bpnet.exercises.page import all_answers

    return frozenset(a.label for a in all_answers())


def data_script() -> str:
    """The classic script that defines ``window.BPNET_ANSWERS`` (label -> the page's data for that exercise)."""
    from bpnet.exercises.page import export_answers

    body = json.dumps(export_answers(), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return f"/* bpnet.exercises.page.export_answers(), written by _ext/bpnet_book/answers.py */\n" \
           f"window.BPNET_ANSWERS = {body};\n"


def _write_data(app: Sphinx) -> None:
    path = Path(app.outdir) / "_static" / DATA
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data_script(), encoding="utf-8")


def _add_answers(app: Sphinx, pagename, templatename, context, doctree, widgets: str) -> None:
    """html-page-context: the answer scripts and styles on a page that holds a checkable exercise."""
    if not _labels() & set(_BOX.findall(context.get("body", ""))):
        return
    app.add_js_file(widgets)  # Sphinx keeps one copy when _add_widgets added it already, and drops both after the page
    app.add_js_file(DATA)
    app.add_js_file(MOUNT)
    app.add_css_file(CSS)


def setup(app: Sphinx, widgets: str) -> None:
    """Connect the hooks; ``widgets`` is the path (under _static/) of the widgets' classic script."""
    app.connect("builder-inited", _write_data)
    app.connect("html-page-context", lambda *a: _add_answers(*a, widgets=widgets), priority=600)
