"""Run every benchmarks/bench_*.py in turn (each is a standalone script that prints its own results)."""
from __future__ import annotations

import runpy
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if not scripts:
        print("no benchmarks yet (add benchmarks/bench_<name>.py)")
        return 0
    for script in scripts:
        print(f"== {script.name}", flush=True)
        start = time.perf_counter()
        runpy.run_path(str(script), run_name="__main__")
        print(f"   ({time.perf_counter() - start:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
