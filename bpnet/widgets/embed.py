"""Self-contained HTML outputs for the built book: no kernel, no network, no require.js.

:func:`embed` wraps a document (a trace from :mod:`bpnet.widgets.document`, or a plot document) as
``<div data-bpnet-widget="KIND" id="bp-KIND-HASH">`` holding a caption that says it is the in-page copy
(:data:`STATIC_BADGE`; the live widgets say :data:`LIVE_BADGE`, see :func:`badge`), a mount point (with a note
for where no script runs), the JSON in ``<script type="application/json" class="bp-data">`` and a one-line
classic script that mounts it. The renderer, the engine and the stylesheet are not in the output: they load once
per site, as the classic script :func:`bpnet.widgets.assets.classic` that the book's extension (``_ext/bpnet_book``)
writes as ``_static/_offline/bpnet-widgets.js`` and adds to each page that holds an output (that script also
mounts the outputs it finds, whichever of the two runs first). :func:`page` makes a standalone page with it
inlined. The id is a hash of the content, so re-executing a notebook gives byte-identical output (nbval strict)
and several widgets can share a page.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .assets import classic

__all__ = ["StaticWidget", "embed", "to_json", "page", "badge", "MAX_BYTES", "NO_SCRIPT", "STATIC_BADGE",
           "LIVE_BADGE"]

MAX_BYTES = 300_000  #: budget for one output in the built book
#: what an output says where the site's script does not run (a notebook opened in JupyterLab, a copied output)
NO_SCRIPT = ("Interactive figure: open this chapter's page in the book to use it, or, in Jupyter, run the live "
             "cell that follows this one.")
#: the caption of a static output (the book's page, and the copy a notebook shows before it is run) ...
STATIC_BADGE = "In-page copy: computed in this page, not by a kernel; run the notebook for the live widget"
#: ... and of a live widget (JupyterLab): the two are told apart at a glance, in words, not by color alone
LIVE_BADGE = "Live: computed by bpnet in your kernel"


def badge(text: str, kind: str) -> str:
    """The caption ``text`` ("Label: explanation", :data:`STATIC_BADGE` or :data:`LIVE_BADGE`) as HTML, the label in
    bold; ``kind`` ("static" or "live") sets ``data-bp-badge``. Its inline style (a bordered pill in the text's own
    color) holds where the widgets' stylesheet is not loaded (a notebook in JupyterLab before it runs)."""
    if kind not in ("static", "live"):
        raise ValueError(f"a badge is 'static' or 'live'; received {kind!r}")
    label, _, rest = text.partition(": ")
    return (f'<p class="bp-badge" data-bp-badge="{kind}" style="display:inline-block;max-width:100%;margin:0 0 6px;'
            f'padding:1px 8px;border:1px solid;border-radius:9px;font-size:12px;line-height:1.4">'
            f"<strong>{label}</strong>: {rest}</p>")


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
            f'{badge(STATIC_BADGE, "static")}<div class="bp-mount"><p class="bp-noscript">{NO_SCRIPT}</p></div>'
            f'<script type="application/json" class="bp-data">{data}</script>'
            f'<script>window.bpnetWidgets && window.bpnetWidgets.mountStatic("{self.uid}");</script></div>'
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
        """Write a standalone HTML page holding this output, the site's script inlined (for tests and previews)."""
        path = Path(path)
        path.write_text(page([self], title=title), encoding="utf-8")
        return path


def embed(kind: str, doc: dict) -> StaticWidget:
    """The self-contained output for ``doc``; ``doc["uid"]`` is set to the root element's id (for SVG ids)."""
    return StaticWidget(kind, doc)


def page(outputs, *, title: str = "bpnet widgets", script: str | None = None) -> str:
    """A standalone HTML page holding ``outputs`` (:class:`StaticWidget`) with the site's script in its head: inlined,
    or (``script``, a relative URL such as ``"bpnet-widgets.js"``) loaded from a file next to the page, as the book
    loads it (write :func:`bpnet.widgets.assets.classic` there)."""
    tag = f'<script src="{script}"></script>' if script else f"<script>{classic()}</script>"
    body = "".join(o.html for o in outputs)
    return (f'<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
            f"<title>{title}</title>{tag}</head><body>{body}</body></html>")

