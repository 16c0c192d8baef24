#!/usr/bin/env python3
"""Execute chapter notebooks in place, the way they are committed: seeded, in the project venv's
kernel, with no per-cell timing metadata (nbclient record_timing=False), cwd = the notebook's folder.

    .venv/bin/python tools/run_notebooks.py chapters/02_neuron.ipynb [...]

Fails (exit 1) if any cell stores an error output. Run it after editing a chapter, then commit the result.
It also stores, in each markdown cell, the text of its ``{eval}`glued(...)``` numbers (``metadata.user_expressions``,
what JupyterLab shows before the reader runs the notebook; :mod:`bpnet.glue`).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from bpnet.figures import WRITE_FIGURES
from bpnet.glue import user_expressions


def run(path: Path) -> float:
    os.environ[WRITE_FIGURES] = "1"  # glue_figure writes chapters/_figures/NAME.png (inherited by the kernel)
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False, store_widget_state=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    elapsed = time.perf_counter() - start
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.metadata.pop("execution", None)
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    raise SystemExit(f"{path}: a cell stores an error output: {out.get('ename')}: {out.get('evalue')}")
    store_prose_numbers(nb)
    nb.metadata["kernelspec"] = kernelspec()
    nbformat.write(nb, path)
    return elapsed


def kernelspec() -> dict:
    """The notebook's kernelspec as JupyterLab writes it for the venv's kernel: a notebook that says anything else
    (nbclient leaves "Python 3") is changed, and marked unsaved, the moment JupyterLab opens it."""
    spec = KernelSpecManager().get_kernel_spec("python3")
    return {"display_name": spec.display_name, "language": spec.language, "name": "python3"}


def store_prose_numbers(nb) -> None:
    """Each markdown cell's ``metadata.user_expressions``: its ``{eval}`` numbers as the book shows them."""
    stored = user_expressions(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        if i in stored:
            cell.metadata["user_expressions"] = stored[i]
        else:
            cell.metadata.pop("user_expressions", None)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(f"{arg}: executed in {run(Path(arg)):.1f} s")
