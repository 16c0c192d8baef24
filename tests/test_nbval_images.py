"""The chapter run compares images too (tests/nbval_images.py): a notebook whose stored PNG differs from the one
its cell draws fails, and the same notebook with its true PNG passes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow  # starts kernels

REPO = Path(__file__).resolve().parents[1]
CELL = ("import base64\nfrom IPython.display import Image, display\n"
        "display(Image(data=base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
        "DwAEhQGAhKmMIQAAAABJRU5ErkJggg==')))")


def run_nbval(path: Path, tmp_path: Path) -> int:
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "nbval_images", "-q",
                           "--nbval", str(path), "--rootdir", str(tmp_path), "-o", f"pythonpath={REPO / 'tests'}"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300).returncode


def test_a_changed_image_fails_the_chapter_run(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(nb, kernel_name="python3").execute()
    assert "image/png" in nb.cells[0].outputs[0]["data"]
    good = tmp_path / "good.ipynb"
    nbformat.write(nb, good)
    png = nb.cells[0].outputs[0]["data"]["image/png"]
    nb.cells[0].outputs[0]["data"]["image/png"] = png[:-6] + ("AAAA" if png[-6:-2] != "AAAA" else "BBBB") + png[-2:]
    bad = tmp_path / "bad.ipynb"
    nbformat.write(nb, bad)
    assert run_nbval(good, tmp_path) == 0
    assert run_nbval(bad, tmp_path) != 0
