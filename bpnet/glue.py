"""The numbers in the prose, in the built book and in JupyterLab alike.

A chapter computes a number in a code cell and names it: ``glue("ch07-eta-max", eta_max)``. Its prose shows it with
the inline role both renderers understand, ``{eval}`glued("ch07-eta-max", ".3f")```:

* the book (Sphinx, myst-nb): the book's extension reads ``glued("name", "fmt")`` as myst-nb's
  ``{glue:text}`name:fmt``` (``_ext/bpnet_book/prose.py``): the glued output stored in the notebook, formatted;
* JupyterLab (jupyterlab-myst): before the notebook runs, the text stored in the markdown cell's
  ``metadata.user_expressions`` (written by :func:`user_expressions` when the chapter is executed,
  ``tools/run_notebooks.py``); when the reader runs a markdown cell, the kernel evaluates ``glued(...)``.

Both format the same text with the same rule (:func:`format_value`, myst-nb's), so the two show the same digits; a
test (``tests/test_prose.py``) checks that every stored text is the one the glued output gives.
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["glue", "glued", "format_value", "EXPRESSION", "RECORD", "ROLE", "expressions_in", "glued_texts",
           "user_expressions"]

#: What a prose reference looks like: ``glued("name")`` or ``glued("name", "fmt")`` (the role's content).
EXPRESSION = re.compile(r'^glued\("(?P<name>[A-Za-z0-9_.\-]+)"(?:, "(?P<fmt>[^"]*)")?\)$')
#: An inline reference in a markdown cell.
ROLE = re.compile(r"\{eval\}`([^`]+)`")
#: The media type under which myst-nb stores a glued value in a code cell's output.
RECORD = "application/papermill.record/"

_values: dict[str, str] = {}  # name -> text/plain of the value, as glued in this kernel


def format_value(plain: str, fmt: str = "") -> str:
    """The text ``{glue:text}`name:fmt``` shows for a value whose text/plain is ``plain`` (myst-nb's rule: the
    literal value, formatted by ``fmt``'s type character as str, int or float)."""
    from myst_nb.core.variables import format_plain_text

    return format_plain_text(plain, fmt)


def glue(name: str, value: Any, display: bool = True) -> None:
    """myst-nb's ``glue(name, value, display)``, and remember the value so that ``glued(name)`` can show it in a
    markdown cell the reader runs in JupyterLab."""
    from IPython import get_ipython
    from myst_nb import glue as myst_glue

    shell = get_ipython()
    plain = shell.display_formatter.format(value)[0].get("text/plain") if shell is not None else repr(value)
    _values[name] = plain if plain is not None else repr(value)
    myst_glue(name, value, display=display)


def glued(name: str, fmt: str = "") -> str:
    """The text of the value glued as ``name``, formatted by ``fmt`` (what the book shows for
    ``{eval}`glued("name", "fmt")```). A value glued further down the notebook, not yet computed in this kernel
    (prose comes before the code that computes it), is read from the notebook as it was last saved."""
    if name in _values:
        return format_value(_values[name], fmt)
    saved = _saved_values()
    if name in saved:
        return format_value(saved[name], fmt)
    raise KeyError(f"no value glued as {name!r} yet; expected glue({name!r}, value) in a code cell of this notebook")


def _saved_values() -> dict[str, str]:
    """The glued values stored in the notebook this kernel runs (Jupyter's ``JPY_SESSION_NAME``), or {}."""
    session = os.environ.get("JPY_SESSION_NAME")
    if not session:
        return {}
    for path in (Path(session), Path.cwd() / Path(session).name):  # absolute, or relative to the server's root
        if path.suffix == ".ipynb" and path.is_file():
            return _saved_texts(str(path.resolve()), path.stat().st_mtime_ns)
    return {}


@lru_cache(maxsize=4)
def _saved_texts(path: str, mtime_ns: int) -> dict[str, str]:
    """:func:`glued_texts` of the notebook file ``path`` as of ``mtime_ns``: Run All asks for every number the prose
    quotes before its code, and the file is read once per save, not once per number."""
    return glued_texts(json.loads(Path(path).read_text(encoding="utf-8")))


def glued_texts(nb: dict) -> dict[str, str]:
    """name -> text/plain of every value glued in the notebook ``nb`` (its JSON), from the stored outputs."""
    found = {}
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            plain = out.get("data", {}).get(RECORD + "text/plain")
            if name and plain is not None:
                found[name] = "".join(plain) if isinstance(plain, list) else plain
    return found


def expressions_in(source: str) -> list[str]:
    """The ``{eval}`` expressions of a markdown cell's source, in order, each once."""
    return list(dict.fromkeys(ROLE.findall(source)))


def user_expressions(nb: dict) -> dict[int, list[dict]]:
    """For every markdown cell (by index) with ``{eval}`` references, the ``metadata.user_expressions`` that
    jupyterlab-myst shows before the notebook runs: each expression with the text the book shows for it.
    Raises ValueError for an expression that is not ``glued("name"[, "fmt"])`` or names nothing glued."""
    texts, out = glued_texts(nb), {}
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        entries = []
        for expr in expressions_in(source):
            m = EXPRESSION.match(expr)
            if not m:
                raise ValueError(f"cell {i}: {{eval}}`{expr}`: expected glued(\"name\") or glued(\"name\", \"fmt\")")
            if m["name"] not in texts:
                raise ValueError(f"cell {i}: {{eval}}`{expr}`: nothing is glued as {m['name']!r} in this notebook")
            text = format_value(texts[m["name"]], m["fmt"] or "")
            entries.append({"expression": expr, "result": {"status": "ok", "data": {"text/plain": repr(text)},
                                                           "metadata": {}}})
        if entries:
            out[i] = entries
    return out
