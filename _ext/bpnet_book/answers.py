"""Exercises checked in the page: an answer form inside each exercise box that bpnet can check without a kernel.

* builder-inited: two classic scripts (fetch() of a JSON file and ES modules both fail from file://), written once per
  site into ``_static/_offline/``: ``bpnet-answers-data.js`` sets ``window.BPNET_ANSWERS`` to
  :func:`bpnet.exercises.page.export_answers` (expected values as numbers at random points for symbolic answers, or
  arrays the page never prints), and ``bpnet-answers.js`` holds ``bpnet/widgets/static/answers.js`` with what it
  imports (:func:`bpnet.widgets.assets.linked`) and mounts the forms once the page is read.
* html-page-context: a page whose body holds a checkable exercise box (``<div class="exercise ..." id="<label>">``)
  loads both scripts and ``bpnet-answers.css``.
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
SCRIPT = f"{OFFLINE}/bpnet-answers.js"  #: the checker and the forms, written at build time
CSS = f"{OFFLINE}/bpnet-answers.css"  #: in extra/_static/_offline/
_BOX = re.compile(r'<div class="exercise[^"]*" id="([^"]+)"')

MOUNT = """const data = window.BPNET_ANSWERS, api = modules["answers.js"];
window.bpnetAnswers = api;
function mount() {
  if (!data) {
    console.error("bpnet answers: window.BPNET_ANSWERS is missing: bpnet-answers-data.js must load first");
    return;
  }
  api.mountAnswers(document, data);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();
"""


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


def answers_script() -> str:
    """The classic script that checks answers: answers.js and format.js linked, then the forms mounted."""
    from bpnet.widgets.assets import linked

    return ("/* bpnet/widgets/static/answers.js and its imports, linked by _ext/bpnet_book/answers.py; do not edit */\n"
            f'(function () {{\n"use strict";\n{linked("answers.js")}{MOUNT}}})();\n')


def _write(app: Sphinx) -> None:
    for name, text in ((DATA, data_script()), (SCRIPT, answers_script())):
        path = Path(app.outdir) / "_static" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _add_answers(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """html-page-context: the answer scripts and styles on a page that holds a checkable exercise."""
    if _labels() & set(_BOX.findall(context.get("body", ""))):
        app.add_js_file(DATA)
        app.add_js_file(SCRIPT)
        app.add_css_file(CSS)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _write)
    app.connect("html-page-context", _add_answers)
