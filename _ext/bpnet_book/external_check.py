"""Fail the build when a built page loads anything from the network.

On build-finished every .html under the output directory is scanned for `<script src>`, `<link href>`,
`<img src>` (and `srcset`) or `<iframe src>` pointing at http://, https:// or protocol-relative //.
Ordinary `<a href>` links are fine: they need the network only when a reader follows them.
"""
from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

TAG = re.compile(r"<(script|link|img|iframe)\b[^>]*>", re.IGNORECASE)
EXTERNAL_ATTR = re.compile(r"""\b(src|href|srcset)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""", re.IGNORECASE)


def external_references(html: str) -> list[str]:
    """Return `<tag> url` for each external asset the page would load."""
    found = []
    for tag in TAG.finditer(html):
        for attr in EXTERNAL_ATTR.finditer(tag.group(0)):
            found.append(f"<{tag.group(1).lower()}> {attr.group(2)}")
    return found


def scan(outdir: Path) -> dict[str, list[str]]:
    report = {}
    for page in sorted(outdir.rglob("*.html")):
        refs = external_references(page.read_text(encoding="utf-8", errors="replace"))
        if refs:
            report[str(page.relative_to(outdir))] = refs
    return report


def _check(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    report = scan(Path(app.outdir))
    if report:
        lines = [f"  {page}: {', '.join(sorted(set(refs)))}" for page, refs in report.items()]
        logger.warning(
            "%d built page(s) load external assets (the book must work offline):\n%s",
            len(report), "\n".join(lines), type="bpnet", subtype="external",
        )


def setup(app: Sphinx) -> None:
    app.connect("build-finished", _check)
