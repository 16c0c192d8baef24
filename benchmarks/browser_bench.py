"""What the browser benchmarks share (bench_widgets.py, bench_lab.py): the Chromium to drive, its flags, and one
printed line per measurement with its goal. Not a benchmark itself (run_all.py runs bench_*.py only)."""
from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def report(name: str, value: float, goal: float, unit: str, higher_is_better: bool = False, width: int = 62) -> None:
    """Print ``value`` against ``goal``, their ratio and whether the goal is met."""
    ratio = value / goal
    ok = ratio >= 1 if higher_is_better else ratio <= 1
    print(f"  {name:<{width}} {value:8.2f} {unit:<4} goal {'>=' if higher_is_better else '<='} {goal:g} {unit}"
          f"  ratio {ratio:5.2f}  {'ok' if ok else 'MISSED'}", flush=True)
