"""The numbers and figures in the prose read the same in the built book and in JupyterLab (bpnet.glue).

* every number in a markdown cell is ``{eval}`glued("name"[, "fmt"])``` (no ``{glue:text}``, which JupyterLab's
  MyST renderer shows raw), naming a value the notebook glues;
* the text stored in the cell's ``metadata.user_expressions`` (what JupyterLab shows before the notebook runs) is
  the text the book shows: the stored glued output formatted by myst-nb's rule;
* every figure is a ``{figure} _figures/NAME.png`` whose file is, byte for byte, the PNG the notebook glues as
  NAME (and nbval compares that glued PNG with a fresh execution).
"""
from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from bpnet.glue import EXPRESSION, RECORD, ROLE, expressions_in, user_expressions

REPO = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(p for p in (REPO / "chapters").glob("*.ipynb"))
FIGURE = re.compile(r"`{3,}\{figure\} _figures/(?P<name>[^\s`]+)\.png\n")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def markdown(nb: dict):
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            yield i, "".join(cell["source"]), cell.get("metadata", {})


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_prose_numbers_are_stored_as_the_book_shows_them(path):
    nb = load(path)
    expected = user_expressions(nb)  # raises on a malformed expression or a name nothing glues
    for i, source, meta in markdown(nb):
        assert "{glue:" not in source, f"{path.name} cell {i}: {{glue:...}} (JupyterLab shows it raw)"
        assert meta.get("user_expressions", []) == expected.get(i, []), \
            f"{path.name} cell {i}: stored numbers are stale: re-execute with tools/run_notebooks.py"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_figures_are_the_glued_pngs(path):
    nb = load(path)
    glued_png = {}
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if name and RECORD + "image/png" in out.get("data", {}):
                glued_png[name] = base64.b64decode(out["data"][RECORD + "image/png"])
    shown = [m["name"] for _, source, _ in markdown(nb) for m in FIGURE.finditer(source)]
    assert sorted(shown) == sorted(glued_png), f"{path.name}: every glued figure is shown once, and only those"
    for name in shown:
        file = path.parent / "_figures" / f"{name}.png"
        assert file.is_file(), f"{file} is missing: re-execute {path.name} with tools/run_notebooks.py"
        assert file.read_bytes() == glued_png[name], f"{file} is not the PNG {path.name} glues as {name!r}"


def test_expression_grammar():
    assert EXPRESSION.match('glued("ch07-eta-max", ".3f")')["fmt"] == ".3f"
    assert EXPRESSION.match('glued("ch07-n")')["fmt"] is None
    assert not EXPRESSION.match("__import__('os')")
    assert expressions_in('a {eval}`glued("x")` b {eval}`glued("x")` {eval}`glued("y", "g")`') == \
        ['glued("x")', 'glued("y", "g")']
    assert ROLE.pattern


def test_no_stray_figure_files():
    names = {m["name"] for p in CHAPTERS for _, s, _ in markdown(load(p)) for m in FIGURE.finditer(s)}
    files = {f.stem for f in (REPO / "chapters" / "_figures").glob("*.png")}
    assert files == names, f"figure files no chapter shows: {sorted(files - names)}; missing: {sorted(names - files)}"


LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[0-9a-z_]+\.(?:ipynb|md))\)")


def title_of(path: Path) -> str:
    source = "".join(load(path)["cells"][0]["source"]) if path.suffix == ".ipynb" else path.read_text("utf-8")
    return re.search(r"^# (.+)$", source, re.M).group(1).strip()


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_links_to_chapters_work_in_both_places(path):
    """A link to another chapter is a Markdown link to its file, whose text is that chapter's title: the book turns
    it into a link to the page (myst-parser), JupyterLab opens the notebook; ``{doc}`` would show a file name there."""
    for i, source, _ in markdown(load(path)):
        assert "{doc}" not in source, f"{path.name} cell {i}: write [Title](file.ipynb), not {{doc}}"
        for m in LINK.finditer(source):
            target = path.parent / m["target"]
            assert target.is_file(), f"{path.name} cell {i}: {m['target']} does not exist"
            assert m["text"] == title_of(target), f"{path.name} cell {i}: [{m['text']}] is not {target.name}'s title"


def test_glued_formats_as_the_book_and_reads_the_saved_notebook_for_what_is_not_computed_yet(monkeypatch):
    """In a reader's kernel ``glued`` gives the text the book shows: for a value glued in this kernel, and for one
    the prose quotes before the cell that computes it has run (read from the notebook as saved)."""
    import bpnet.glue as g

    path = REPO / "chapters" / "01_introduction.ipynb"
    nb = load(path)
    stored = {e["expression"]: e["result"]["data"]["text/plain"] for es in user_expressions(nb).values() for e in es}
    monkeypatch.setattr(g, "_values", {})
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    for expr, plain in stored.items():
        m = EXPRESSION.match(expr)
        assert repr(g.glued(m["name"], m["fmt"] or "")) == plain
    monkeypatch.setattr(g, "_values", {"ch01-C": "0.123456789"})  # computed in this kernel: that value wins
    assert g.glued("ch01-C", ".3f") == "0.123"
    monkeypatch.delenv("JPY_SESSION_NAME")
    with pytest.raises(KeyError, match="no value glued as 'ch01-digits' yet"):
        g.glued("ch01-digits")


def section_labels() -> dict[str, tuple[str, str]]:
    """label -> (notebook, heading) for every ``(label)=`` target directly above a heading."""
    found = {}
    for path in CHAPTERS:
        for _, source, _ in markdown(load(path)):
            for label, heading in re.findall(r"^\(([\w-]+)\)=\s*\n#+ (.+)$", source, re.M):
                found[label] = (path.name, heading)
    return found


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_references_to_sections_read_in_both_places(path):
    """A ``{ref}`` to a section of another chapter carries its text (JupyterLab renders one notebook and would show
    the bare label), and so does one to a heading with mathematics (Sphinx's link text would show its raw TeX);
    that text is plain."""
    sections = section_labels()
    for i, source, _ in markdown(load(path)):
        for body in re.findall(r"\{ref\}`([^`]+)`", source):
            text, _, label = body.rpartition("<") if body.endswith(">") else ("", "", body)
            where = sections.get(label.rstrip(">"))
            if where and not text:
                assert where[0] == path.name and "$" not in where[1], \
                    f"{path.name} cell {i}: write {{ref}}`{where[1]} <{label}>` with the heading as plain text"
            assert "$" not in text and "\\" not in text, f"{path.name} cell {i}: TeX in a link's text: {text}"


def test_equations_are_referenced_within_their_chapter():
    """``{eq}`` only to an equation of the same notebook: JupyterLab numbers and links those, and shows a bare label
    for one in another notebook (there, say which section holds it: a [Title](file.ipynb) link or a {ref})."""
    defined = {label: path.name for path in CHAPTERS for _, source, _ in markdown(load(path))
               for label in re.findall(r"^\$\$ *\(([\w-]+)\)", source, re.M)}
    for path in CHAPTERS:
        for i, source, _ in markdown(load(path)):
            for label in re.findall(r"\{eq\}`([\w-]+)`", source):
                where = defined.get(label)
                assert where == path.name, f"{path.name} cell {i}: {{eq}}`{label}` is in {where}"
