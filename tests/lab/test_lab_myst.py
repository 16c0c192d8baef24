"""The chapters read in JupyterLab as in the book (jupyterlab-myst, pinned in requirements.txt).

Opened without running, a chapter shows its MyST rendered, not raw: directives (exercises, solutions, figures,
admonitions), roles (cross-references, glossary terms, equations) and the numbers of the prose, which are
``{eval}`glued(...)``` roles whose text the notebook stores (bpnet.glue). Run, the kernel recomputes every number,
including those the prose shows before the code that computes them.
"""
from __future__ import annotations

import json
import re
from ast import literal_eval

import pytest
from test_lab import ALL_RUN, RUN_ALL, repo_lab, shutdown_kernels  # noqa: F401 (repo_lab: fixture)

from browser_support import REPO, browser, open_page  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.lab

CHAPTERS = ["chapters/02_neuron.ipynb", "chapters/07_training.ipynb"]
RAW = re.compile(r"\{(?:eval|glue|term|doc|ref|numref|eq|cite|exercise|solution|figure|admonition|note|index)[:}]"
                 r"|glued\(|Unknown (?:Directive|Role)|^:(?:label|name|alt|class):", re.M)
CELL_TEXTS = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]
  .map(c => c.classList.contains('jp-MarkdownCell') ? c.innerText : null)"""
# what jupyterlab-myst marks as not found (a reference to another notebook, a citation), outside the editors
UNRESOLVED = """() => [...document.querySelectorAll('.jp-MarkdownCell [title$="Not Found"]')]
  .filter(e => !e.closest('.cm-content')).map(e => `${e.title}: ${e.innerText.trim()}`)"""
FIGURES = """() => [...document.querySelectorAll('.jp-MarkdownCell figure img')]
  .map(i => ({alt: i.alt, width: i.naturalWidth, complete: i.complete}))"""


def open_notebook(browser, server, path: str):  # noqa: F811 (pytest fixture imported by name)
    """Open ``path`` in JupyterLab without running it; (page, log) once its cells and kernel are there."""
    page, log = open_page(browser, server.origin, viewport={"width": 1400, "height": 1000})
    page.goto(server.url(path))
    page.locator(".jp-Notebook .jp-MarkdownCell").first.wait_for(timeout=120_000)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext", timeout=60_000)
    return page, log


def notebook(path: str) -> dict:
    return json.loads((REPO / path).read_text(encoding="utf-8"))


def stored_numbers(nb: dict) -> dict[int, list[str]]:
    """cell index -> the texts its ``{eval}`` roles show, as stored in the notebook."""
    stored = {i: c["metadata"].get("user_expressions") for i, c in enumerate(nb["cells"])
              if c["cell_type"] == "markdown"}
    return {i: [literal_eval("".join(e["result"]["data"]["text/plain"])) for e in es] for i, es in stored.items() if es}


def count(nb: dict, directive: str) -> int:
    return sum(len(re.findall(r"^`{3,}\{" + directive + r"\}", "".join(c["source"]), re.M))
               for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", CHAPTERS)
def test_chapter_reads_as_in_the_book(browser, repo_lab, path):  # noqa: F811 (pytest fixture imported by name)
    nb = notebook(path)
    page, log = open_notebook(browser, repo_lab, path)
    try:
        page.wait_for_function(f"() => document.querySelectorAll('.jp-MarkdownCell figure img').length >= "
                               f"{count(nb, 'figure')}", timeout=60_000)
        texts = page.evaluate(CELL_TEXTS)
        assert len(texts) == len(nb["cells"])
        assert not page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.dirty"), \
            f"{path}: JupyterLab changed the notebook on opening it (a reader would be asked to save it)"
        raw = [(i, m.group(0)) for i, t in enumerate(texts) if t for m in RAW.finditer(t)]
        assert not raw, f"{path}: MyST shown raw in JupyterLab: {raw[:10]}"
        numbers = stored_numbers(nb)
        assert sum(map(len, numbers.values())) >= 20
        missing = [(i, s) for i, ss in numbers.items() for s in ss if s not in texts[i]]
        assert not missing, f"{path}: numbers of the prose not shown: {missing[:10]}"
        exercises = sum(len(re.findall(r"^Exercise \d+", t, re.M)) for t in texts if t)
        assert exercises == count(nb, "exercise") > 0, f"{path}: {exercises} exercise boxes rendered"
        unresolved = page.evaluate(UNRESOLVED)
        assert any(u.startswith("Citation") for u in unresolved)  # the selector sees jupyterlab-myst's marks
        assert not [u for u in unresolved if not u.startswith("Citation")], \
            f"{path}: references JupyterLab cannot resolve: {unresolved}"  # citations need the book's bibliography
        figures = page.evaluate(FIGURES)
        assert len(figures) == count(nb, "figure") > 0
        assert all(f["complete"] and f["width"] > 0 and f["alt"] for f in figures), f"{path}: {figures}"
        assert not log.blocked_requests, f"non-local requests: {log.blocked_requests}"
    finally:
        page.context.close()


STALE = """(marks) => { const nb = window.jupyterapp.shell.currentWidget.content;
  for (const i of marks) { const m = nb.widgets[i].model, e = m.getMetadata('user_expressions');
    m.setMetadata('user_expressions', e.map(x => ({...x, result: {...x.result, data: {'text/plain': "'STALE'"}}}))); }
  return marks.map(i => nb.widgets[i].model.getMetadata('user_expressions')[0].result.data['text/plain']); }"""


def test_running_a_chapter_recomputes_the_numbers_of_its_prose(browser, repo_lab):  # noqa: F811 (pytest fixture)
    """Run All: jupyterlab-myst asks the kernel for every ``glued(...)`` of every markdown cell, also of a cell that
    quotes a number computed further down (``glued`` then reads the saved notebook). Marked stale first, each
    number must come back from the kernel as the book shows it."""
    path = "chapters/01_introduction.ipynb"
    nb, numbers = notebook(path), stored_numbers(notebook(path))
    page, log = open_notebook(browser, repo_lab, path)
    try:
        marks = sorted(numbers)
        assert page.evaluate(STALE, marks) == ["'STALE'"] * len(marks)
        page.evaluate(RUN_ALL)
        page.wait_for_function(ALL_RUN, timeout=180_000, polling=500)
        page.wait_for_function("() => !document.querySelector('.jp-Notebook').innerText.includes('STALE')",
                               timeout=30_000)
        texts = page.evaluate(CELL_TEXTS)
        missing = [(i, s) for i, ss in numbers.items() for s in ss if s not in texts[i]]
        assert not missing, f"numbers after Run All: {missing[:10]}"
        assert not page.locator(".jp-MarkdownCell .myst-RenderedExpressionError").count()
        forward = [i for i, c in enumerate(nb["cells"]) if 'glued("ch01-digits"' in "".join(c["source"])]
        assert forward and all(i in numbers for i in forward)  # a number the prose quotes before it is computed
    finally:
        page.context.close()
        shutdown_kernels(repo_lab)
