"""pytest plugin for the chapter run (`make test-notebooks`): nbval strict also compares image outputs.

nbval leaves ``image/png`` and ``image/jpeg`` out of its comparison unless it is asked to show diffs with nbdime.
Every figure of the book is drawn deterministically (seeded data, Agg backend, no timestamps in the PNG), so the
one execution of each chapter that nbval makes is compared with the committed outputs in full: text, HTML and
images. That single execution is also the reproducibility check: the committed outputs come from an earlier
execution, so two executions agree (``tests/test_reproducible.py`` used to run every chapter twice more for this).
Cells tagged ``nbval-ignore-output`` (timings) are still skipped, as nbval does.
"""
from __future__ import annotations

import nbval.plugin

IMAGES = ("image/png", "image/jpeg")
_init = nbval.plugin.IPyNbFile.__init__


def _init_comparing_images(self, *args, **kwargs) -> None:
    _init(self, *args, **kwargs)
    self.skip_compare = tuple(key for key in self.skip_compare if key not in IMAGES)


def pytest_configure(config) -> None:
    nbval.plugin.IPyNbFile.__init__ = _init_comparing_images
