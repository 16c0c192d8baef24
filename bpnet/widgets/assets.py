"""The renderer's source files: one ES module for JupyterLab (anywidget ``_esm``) and for book pages.

``render.js`` holds the pure functions (tested in node by tests/js), ``mount.js`` the DOM and anywidget parts;
:func:`esm` joins them into one module because neither anywidget nor an inline ``<script type="module">``
can resolve the relative import between them.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

__all__ = ["STATIC_DIR", "esm", "css"]

STATIC_DIR = Path(__file__).with_name("static")
_LOCAL_IMPORT = re.compile(r'^import [^;]*from "\./render\.js";\n', re.M)


@cache
def esm() -> str:
    """render.js followed by mount.js without its import line: a single self-contained ES module."""
    render = (STATIC_DIR / "render.js").read_text(encoding="utf-8")
    mount = _LOCAL_IMPORT.sub("", (STATIC_DIR / "mount.js").read_text(encoding="utf-8"))
    return render + "\n" + mount


@cache
def css() -> str:
    """The widgets' stylesheet (every rule scoped under ``.bpnet-widget``)."""
    return (STATIC_DIR / "bpnet.css").read_text(encoding="utf-8")
