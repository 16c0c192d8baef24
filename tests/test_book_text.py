"""What the book's text may and may not say (issue: every sentence as true as every number).

* No numbered "learner confusion": the book defines no such numbers; it links its Common-mistakes page.
* No typed equation numbers ("Eq. 5.6"): chapters refer to equations by label ({eq}`eq-bp1`), which cannot drift.
* Every mistake a page links is defined on the Common-mistakes page, every mistake defined there is met somewhere in
  the chapters, and each entry there links back to where the book shows it.
* One variant of English spelling (American).
* A sentence that claims a quantitative comparison ("faster", "wins", "diverges at", "the best", ...) is backed in
  its own cell by a glued value, or by an ``assert`` in the code cell that follows.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
PAGES = [ROOT / "intro.md", *sorted((ROOT / "chapters").glob("*.md"))]
CHECKERS = sorted((ROOT / "bpnet" / "exercises").glob("*.py"))


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def prose() -> list[tuple[str, str]]:
    """(where, text) for every markdown cell of every chapter and every markdown page."""
    out = [(f"{p.name} cell {i}", source(c)) for p in CHAPTERS for i, c in enumerate(cells(p))
           if c["cell_type"] == "markdown"]
    return out + [(p.name, p.read_text(encoding="utf-8")) for p in PAGES]


def checker_strings() -> list[tuple[str, str]]:
    """Every string literal of the exercise checkers (their hints and messages, and docstrings)."""
    out = []
    for p in CHECKERS:
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.append((f"{p.name}:{node.lineno}", node.value))
    return out


def everything() -> list[tuple[str, str]]:
    """Prose, checker strings and the code cells of the chapters (their comments are read too)."""
    code = [(f"{p.name} cell {i}", source(c)) for p in CHAPTERS for i, c in enumerate(cells(p))
            if c["cell_type"] == "code"]
    return prose() + checker_strings() + code


def test_no_numbered_learner_confusion():
    bad = [where for where, text in everything() + [(str(p), p.read_text(encoding="utf-8"))
                                                   for p in (ROOT / "bpnet").rglob("*.py")]
           if re.search(r"learner\s+confusion", text, re.I)]
    assert not bad, f"'learner confusion N' is defined nowhere; link the Common-mistakes page instead: {bad}"


TYPED_EQ = re.compile(r"\b(?:Eqs?\.|Equations?)\s*\(?\d+\.\d+", re.I)


def test_equations_are_referenced_by_label():
    bad = [(where, m.group(0)) for where, text in prose() + checker_strings() for m in TYPED_EQ.finditer(text)]
    assert not bad, f"refer to equations with {{eq}}`label`, never by a typed number: {bad}"


def test_the_detector_of_typed_equation_numbers_works():
    assert TYPED_EQ.search("the backpropagation equations, Eqs. 5.1-5.4 of chapter 5")
    assert TYPED_EQ.search("by Equation (9.2)")
    assert not TYPED_EQ.search("by {eq}`eq-bp1`, with eta = 0.5")


MISTAKES = ROOT / "chapters" / "mistakes.ipynb"
MISTAKE_LINK = re.compile(r"\{ref\}`(?:[^`<]*<)?(mistake-[a-z0-9-]+)>?`")


def mistakes_defined() -> dict[str, str]:
    """label -> the text of its entry on the Common-mistakes page."""
    text = "\n".join(source(c) for c in cells(MISTAKES))
    parts = re.split(r"^\((mistake-[a-z0-9-]+)\)=\s*$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def test_every_linked_mistake_is_defined_and_every_defined_one_is_met():
    defined = mistakes_defined()
    assert len(defined) >= 13
    linked = {}
    for where, text in prose():
        if where.startswith("mistakes.ipynb"):
            continue
        for label in MISTAKE_LINK.findall(text):
            linked.setdefault(label, []).append(where)
    undefined = {label: where for label, where in linked.items() if label not in defined}
    assert not undefined, f"links to mistakes the Common-mistakes page does not define: {undefined}"
    unmet = sorted(set(defined) - set(linked) - {"mistake-bias-penalty"})  # shown on the page itself
    assert not unmet, f"mistakes no chapter links to (link them where the book meets them): {unmet}"


def test_each_mistake_links_back_to_where_the_book_shows_it():
    for label, text in mistakes_defined().items():
        assert re.search(r"\{ref\}`|\]\([0-9a-z_]+\.(?:ipynb|md)\)", text), \
            f"{label}: say where the book meets it (a {{ref}} or a [Title](chapter.ipynb) link)"
        assert "wrong" in text.lower() or "```" in text, f"{label}: show the wrong version next to the right one"


BRITISH = re.compile(r"\b(colour\w*|behaviour\w*|(?:recognis|generalis|regularis|normalis|initialis|optimis|minimis|"
                     r"maximis|summaris|visualis)(?:e|es|ed|er|ers|ing|ation|ations)|analys(?:e|ed|ing)|centre[sd]?|"
                     r"labell(?:ed|ing)|modell(?:ed|ing)|favour\w*)\b", re.I)


def test_one_variant_of_english():
    files = [*(ROOT / "bpnet").rglob("*.py"), *(ROOT / "bpnet").rglob("*.js"), *(ROOT / "bpnet").rglob("*.css"),
             ROOT / "README.md", ROOT / "CONTRIBUTING.md"]
    texts = prose() + checker_strings() + [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in files]
    bad = sorted({(where, m.group(0)) for where, text in texts for m in BRITISH.finditer(text)})
    assert not bad, f"the book is written in American English: {bad}"


CLAIM = re.compile(r"\b(faster|slower|wins?|winner|diverges? at|the best\b(?!-)|the lowest|the highest|"
                   r"times (?:as|more|fewer|faster|slower)|slope of)\b", re.I)


def test_quantitative_claims_are_backed_in_their_cell():
    """A claim word in a markdown cell needs a glued value in that cell, or an assert in the next code cell."""
    bad = []
    for p in CHAPTERS:
        cs = cells(p)
        for i, c in enumerate(cs):
            if c["cell_type"] != "markdown":
                continue
            text = re.sub(r"```.*?```", "", source(c), flags=re.S)
            text = re.sub(r"^```\{(exercise|solution)\}.*?^```", "", text, flags=re.S | re.M)
            hits = [m.group(0) for m in CLAIM.finditer(text)]
            if not hits or "{eval}`glued(" in text:
                continue
            nxt = next((source(d) for d in cs[i + 1:] if d["cell_type"] == "code"), "")
            if "assert" not in nxt:
                bad.append((p.name, i, hits))
    assert not bad, f"quantitative claims with no glued value or assert behind them: {bad}"


@pytest.mark.parametrize("text", ["Mini-batches win.", "Backprop is 40 times faster.", "It diverges at epoch 8."])
def test_the_claim_detector_finds_claims(text):
    assert CLAIM.search(text)
