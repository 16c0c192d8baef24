"""Run the JavaScript tests (``node --test tests/js/``): the renderer on documents freshly exported by bpnet, the
engine and the number formatting against bpnet's arrays and Python's strings."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_js_renderer(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node (>= 18, for `node --test`) is not on PATH: install Node.js to test the widget renderer")
    for script in ("make_fixture.py", "make_engine_fixture.py", "make_document_fixture.py",
                   "make_lab_fixture.py", "make_answers_fixture.py"):
        subprocess.run([sys.executable, str(REPO / "tests/js" / script), str(tmp_path)], check=True, cwd=REPO)
    from bpnet.widgets.assets import classic, esm  # the linked scripts (book and anywidget), for assets.test.mjs

    (tmp_path / "bpnet-widgets.js").write_text(classic(), encoding="utf-8")
    (tmp_path / "bpnet-widgets.mjs").write_text(esm(), encoding="utf-8")
    run = subprocess.run([node, "--test", "tests/js/"], cwd=REPO, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "BPNET_FIXTURES": str(tmp_path)})
    assert run.returncode == 0, f"node --test tests/js/ failed:\n{run.stdout[-6000:]}\n{run.stderr[-2000:]}"
