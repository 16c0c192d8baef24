"""Figures the book can read at any width (issue: pictures a reader can read; used by every chapter).

A figure is stored as a PNG and shown in the page's content column, scaled down when it is wider than the column. A
text of ``s`` points in a figure of ``w`` inches at ``dpi`` is then ``s * dpi / 72 * min(1, COLUMN_PX / (w * dpi))``
pixels tall on screen. :func:`smallest_text_px` measures that for every text of a figure (tick labels, legends,
annotations); :func:`glue_figure` refuses a figure whose smallest text is below :data:`MIN_TEXT_PX` and glues it
(myst-nb) and writes it where the prose's ``{figure}`` directive, which carries its alt text, finds it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["COLUMN_PX", "MIN_TEXT_PX", "FIGURES", "WRITE_FIGURES", "smallest_text_px", "glue_figure"]

#: Width of the book's content column in CSS pixels on a 1280 px wide page (measured on the built book).
COLUMN_PX = 688
#: The smallest text height a figure may show on that page.
MIN_TEXT_PX = 9.0
#: The folder, beside the chapters, holding each glued figure as the PNG the prose's ``{figure}`` shows.
FIGURES = "_figures"
#: The environment variable under which :func:`glue_figure` writes the figure files.
WRITE_FIGURES = "BPNET_WRITE_FIGURES"


def smallest_text_px(fig: Figure, column_px: float = COLUMN_PX) -> float:
    """The height in screen pixels of the smallest visible, non-empty text of ``fig`` shown in a column
    ``column_px`` wide (font size in points x dpi / 72 x the scale at which the column shows the PNG)."""
    fig.canvas.draw()  # tick labels exist only once the figure is drawn
    width_px = fig.get_figwidth() * fig.dpi
    scale = min(1.0, column_px / width_px)
    sizes = [t.get_fontsize() for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_fontsize"))
             if t.get_visible() and t.get_text().strip() and _shown(t)]
    if not sizes:
        return float("inf")
    return min(sizes) * fig.dpi / 72.0 * scale


def _shown(text) -> bool:
    """False for texts matplotlib keeps but does not draw (an axis's unused offset text, a hidden tick's label)."""
    axes = getattr(text, "axes", None)
    return axes is None or axes.get_visible()


def glue_figure(name: str, fig: Figure, *, min_px: float = MIN_TEXT_PX) -> None:
    """Check that every text of ``fig`` is at least ``min_px`` tall at a 1280 px page, then glue it as ``name``
    (``display=False``). When the chapter is executed to be committed (``tools/run_notebooks.py`` sets
    ``BPNET_WRITE_FIGURES``), also write the same PNG to ``_figures/<name>.png`` beside the notebook, which the
    prose's ``{figure}`` directive shows, with its alt text and caption, in the book and in JupyterLab alike (a
    ``{glue:figure}`` is a directive JupyterLab's MyST renderer does not know). nbval compares the glued PNG with
    the committed one; ``tests/test_prose.py`` checks that the file is that PNG. Other runs (nbval, a reader's)
    leave the files as committed: a timing figure differs from run to run."""
    import base64

    import matplotlib.pyplot as plt
    from IPython import get_ipython
    from myst_nb import glue

    px = smallest_text_px(fig)
    if px < min_px:
        raise ValueError(f"figure {name!r}: its smallest text is {px:.1f} px tall on a 1280 px page; expected at least "
                         f"{min_px:g} px (larger font sizes, or a narrower figure)")
    shell = get_ipython()
    if shell is not None and os.environ.get(WRITE_FIGURES):  # the PNG the notebook stores, byte for byte
        png = shell.display_formatter.format(fig)[0]["image/png"]
        data = base64.b64decode(png) if isinstance(png, str) else png
        path = Path.cwd() / FIGURES / f"{name}.png"
        path.parent.mkdir(exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    glue(name, fig, display=False)
    plt.close(fig)
