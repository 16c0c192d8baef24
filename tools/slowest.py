#!/usr/bin/env python3
"""Print the N slowest tests of a `make test` run, across its pytest stages, from their JUnit XML reports.

    .venv/bin/python tools/slowest.py REPORT_DIR [N]
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def slowest(folder: Path, n: int) -> list[tuple[float, str]]:
    rows = []
    for report in sorted(folder.glob("*.xml")):
        for case in ET.parse(report).getroot().iter("testcase"):
            name = f"{case.get('classname', '')}::{case.get('name', '')}".lstrip(":")
            rows.append((float(case.get("time", 0.0)), f"[{report.stem}] {name}"))
    return sorted(rows, reverse=True)[:n]


if __name__ == "__main__":
    folder, n = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 15
    rows = slowest(folder, n)
    total = sum(float(c.get("time", 0.0)) for r in folder.glob("*.xml") for c in ET.parse(r).getroot().iter("testcase"))
    print(f"\nslowest {len(rows)} tests of this run ({total:.0f} s in all tests):")
    for seconds, name in rows:
        print(f"{seconds:8.2f} s  {name}")
