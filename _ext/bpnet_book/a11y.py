"""Accessible markup where the extensions the book uses write markup that axe-core rejects
(tests/browser/test_accessibility.py runs axe-core over every built page).

* Bibliography: docutils' HTML5 writer wraps the entries in ``<div role="list">`` but gives each entry the DPUB
  role ``doc-biblioentry``, deprecated in DPUB-ARIA 1.1 and no list item, so the list has no items (critical:
  aria-required-children; minor: aria-allowed-role, aria-deprecated-role). Each entry is a ``listitem`` here.
* myst-nb's "Show code cell source" toggle (``hide-input`` cells) labels its ``<summary>``
  "Toggle hidden content", a name that does not contain the text it shows (serious:
  label-content-name-mismatch). Without the label the visible text is the name.
"""
from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx


def visit_citation(self, node: nodes.citation) -> None:
    """docutils' _html_base.HTMLTranslator.visit_citation, with role="listitem"."""
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")


def visit_hide_cell_input(self, node) -> None:
    """myst_nb.sphinx_.visit_HideCellInput without aria-label on <summary>: the shown prompt is the name."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def depart_hide_cell_input(self, node) -> None:
    self.body.append("</details>\n")


def setup(app: Sphinx) -> None:
    """Called from bpnet_book.setup, after myst-nb has registered its node (a local extension loads last)."""
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    try:
        from myst_nb.sphinx_ import HideCodeCellNode
    except ImportError:  # myst-nb is part of Jupyter Book; without it there is nothing to override
        return
    app.add_node(HideCodeCellNode, override=True, html=(visit_hide_cell_input, depart_hide_cell_input))
