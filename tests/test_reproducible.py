"""Each chapter notebook, executed twice from scratch, gives the same outputs.

Outputs are compared after the sanitization nbval uses: the regexes are read from tests/nbval_sanitize.cfg
(one source of truth). Execution timing is not recorded (nbclient `record_timing=False`); the executed copies are
written to the test's temporary folder, the chapter files are never modified.
"""
from __future__ import annotations

import configparser
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SANITIZE_CFG = Path(__file__).resolve().parent / "nbval_sanitize.cfg"
CHAPTERS = sorted(p for p in (REPO / "chapters").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def sanitizers() -> list[tuple[re.Pattern, str]]:
    """(compiled regex, replacement) for every section of nbval_sanitize.cfg, in file order."""
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(SANITIZE_CFG, encoding="utf-8")
    return [(re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections()]


def sanitize(text: str, rules) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def coalesce_streams(outputs: list) -> list:
    """Join adjacent stream outputs of one stream, as nbval and the book (nb_merge_streams) do: how the kernel
    happened to split printed text into messages is timing, not content."""
    merged = []
    for out in outputs:
        if (out.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                and merged[-1].get("name") == out.get("name")):
            merged[-1] = {**merged[-1], "text": merged[-1]["text"] + out["text"]}
        else:
            merged.append(dict(out))
    return merged


def cell_outputs(nb, rules) -> list[list[str]]:
    """Per code cell: each output as sanitized JSON of what a reader sees (no counts, no metadata)."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if "nbval-ignore-output" in cell.metadata.get("tags", []):  # run-dependent by design (timings), as for nbval
            cells.append(["<ignored>"])
            continue
        shown = []
        for out in coalesce_streams(cell.get("outputs", [])):
            visible = {k: out[k] for k in ("output_type", "name", "text", "data", "ename", "evalue") if k in out}
            shown.append(sanitize(json.dumps(visible, sort_keys=True), rules))
        cells.append(shown)
    return cells


def execute(path: Path, copy: Path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(nb, copy)
    return nb


def test_sanitizer_file_parses():
    assert len(sanitizers()) >= 5


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[str(p.relative_to(REPO)) for p in CHAPTERS])
def test_chapter_outputs_are_reproducible(chapter, tmp_path):
    rules = sanitizers()
    first = cell_outputs(execute(chapter, tmp_path / "run1.ipynb"), rules)
    second = cell_outputs(execute(chapter, tmp_path / "run2.ipynb"), rules)
    for n, (a, b) in enumerate(zip(first, second)):
        assert a == b, f"{chapter.name}: code cell {n} differs between two runs (copies in {tmp_path})"
    assert len(first) == len(second)
