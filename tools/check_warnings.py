#!/usr/bin/env python3
"""Fail if any of the project's code warns on the interpreter at hand, as `python -W error` would make it.

* every .py file under bpnet/, tests/, benchmarks/, tools/ and every code cell of the chapter notebooks is compiled
  with warnings as errors (an invalid escape such as "\\sigma" in a non-raw string is a SyntaxWarning from Python
  3.12 on, a DeprecationWarning before, and nbval strict fails on the warning it prints in a cell's output);
* every bpnet module is imported with warnings as errors.

    .venv/bin/python tools/check_warnings.py
"""
from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY_DIRS = ("bpnet", "tests", "benchmarks", "tools")


def cell_code(source: str) -> str:
    """A code cell as Python: IPython magics and shell escapes become blank lines (they are not Python)."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def sources() -> list[tuple[str, str]]:
    out = [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for d in PY_DIRS
           for p in sorted((ROOT / d).rglob("*.py"))]
    for nb in sorted((ROOT / "chapters").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(nb.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] == "code":
                out.append((f"{nb.relative_to(ROOT)} cell {i}", cell_code("".join(cell["source"]))))
    return out


def main() -> int:
    problems = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for where, text in sources():
            try:
                compile(text, where, "exec")
            except (SyntaxError, Warning) as exc:
                problems.append(f"{where}: {type(exc).__name__}: {exc}")
        sys.path.insert(0, str(ROOT))
        import bpnet

        for mod in pkgutil.walk_packages(bpnet.__path__, "bpnet."):
            try:
                importlib.import_module(mod.name)
            except Warning as exc:
                problems.append(f"import {mod.name}: {type(exc).__name__}: {exc}")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"check_warnings: {len(problems)} problem(s) on Python {sys.version.split()[0]}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
