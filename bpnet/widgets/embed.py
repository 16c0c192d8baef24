"""Self-contained HTML outputs for the built book: no kernel, no network, no require.js.

:func:`embed` wraps a precomputed document (a trace from :mod:`bpnet.widgets.document`, or a plot document) with the
renderer's source and stylesheet inlined: ``<div data-bpnet-widget="KIND" id="bp-KIND-HASH">`` holding a
``<style>``, a mount point, the JSON in ``<script type="application/json" class="bp-data">`` and an inline
``<script type="module">``. The id is a hash of the content, so re-executing a notebook gives byte-identical
output (nbval strict) and several widgets can share a page.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .assets import css, esm

__all__ = ["StaticWidget", "embed", "to_json", "MAX_BYTES"]

MAX_BYTES = 300_000  #: budget for one output in the built book


def to_json(doc: dict) -> str:
    """Compact, deterministic JSON that is safe inside a <script> element."""
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


class StaticWidget:
    """An HTML output that works with no kernel. Display it (last line of a cell) or :meth:`save` it."""

    def __init__(self, kind: str, doc: dict, *, check_size: bool = True):
        base = {k: v for k, v in doc.items() if k != "uid"}
        self.uid = f"bp-{kind}-{hashlib.sha256((kind + to_json(base)).encode()).hexdigest()[:12]}"
        self.kind, self.doc = kind, {**base, "uid": self.uid}
        data = to_json(self.doc)
        self.html = (
            f'<div class="bpnet-widget" id="{self.uid}" data-bpnet-widget="{kind}">'
            f"<style>{css()}</style>"
            '<div class="bp-mount"><p>Interactive figure: open the book page, or run this cell in Jupyter, '
            "to use it.</p></div>"
            f'<script type="application/json" class="bp-data">{data}</script>'
            f'<script type="module">\n{esm()}\nmountStatic("{self.uid}");\n</script></div>'
        )
        if check_size and len(self.html.encode()) > MAX_BYTES:
            raise ValueError(f"the {kind} output is {len(self.html.encode())} bytes; expected at most {MAX_BYTES}: "
                             "use fewer learning rates, steps or runs")

    @property
    def nbytes(self) -> int:
        """Size of the HTML output in bytes."""
        return len(self.html.encode())

    def _repr_html_(self) -> str:
        return self.html

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/html": self.html, "text/plain": repr(self)}

    def __repr__(self) -> str:
        return f"<bpnet static {self.kind} widget {self.uid}>"

    def save(self, path, *, title: str = "bpnet widget") -> Path:
        """Write a standalone HTML page holding this output (for tests and previews)."""
        path = Path(path)
        path.write_text(f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>'
                        f"<body>{self.html}</body></html>", encoding="utf-8")
        return path


def embed(kind: str, doc: dict) -> StaticWidget:
    """The self-contained output for ``doc``; ``doc["uid"]`` is set to the root element's id (for SVG ids)."""
    return StaticWidget(kind, doc)
