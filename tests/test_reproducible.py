"""The chapters are reproducible: what this file checks, and where the rest is checked.

Every chapter is executed once per ``make test``, by nbval in strict mode (``make test-notebooks``), and that run's
outputs are compared with the committed ones: text, HTML, LaTeX, the glued values and figures (myst-nb stores them as
``application/papermill.record/*``) and, through ``tests/nbval_images.py``, plain images too. The committed outputs
come from an earlier execution (``tools/run_notebooks.py``), so the comparison is a check that two executions agree.
(Until this was noticed, this file executed every chapter twice more to compare two fresh runs: the same check,
three executions instead of one.) Cells tagged ``nbval-ignore-output`` (timings) are skipped by both.

What is left here is static and fast: the committed notebooks are complete, and the sanitizer file that nbval reads
is well formed.
"""
from __future__ import annotations

import configparser
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SANITIZE_CFG = Path(__file__).resolve().parent / "nbval_sanitize.cfg"
CHAPTERS = sorted(p for p in (REPO / "chapters").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def sanitizers() -> list[tuple[re.Pattern, str]]:
    """(compiled regex, replacement) for every section of nbval_sanitize.cfg, in file order."""
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(SANITIZE_CFG, encoding="utf-8")
    return [(re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections()]


def test_sanitizer_file_parses():
    assert len(sanitizers()) >= 5


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[str(p.relative_to(REPO)) for p in CHAPTERS])
def test_chapter_is_committed_executed_in_order_without_errors(chapter):
    """nbval compares outputs only where a cell has them: a cell committed unexecuted would not be compared."""
    cells = [c for c in json.loads(chapter.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    counts = [c["execution_count"] for c in cells]
    assert counts == list(range(1, len(cells) + 1)), f"{chapter.name}: execute it top to bottom and commit the result"
    errors = [o.get("ename") for c in cells for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, f"{chapter.name} stores error outputs: {errors}"
    assert not [c for c in cells if c["outputs"] and c.get("metadata", {}).get("execution")], \
        f"{chapter.name} stores per-cell timing metadata (tools/run_notebooks.py strips it)"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[str(p.relative_to(REPO)) for p in CHAPTERS])
def test_chapter_opens_unchanged_in_jupyterlab(chapter):
    """JupyterLab rewrites a kernelspec that is not its kernel's (nbclient writes "Python 3"), and the notebook is
    then marked unsaved the moment a reader opens it: tools/run_notebooks.py stores the venv kernel's own."""
    spec = json.loads(chapter.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
    assert spec == {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}, spec
