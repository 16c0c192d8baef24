"""Interactive figures for the book: the backprop stepper, weights and learning rate, the training explorer and
the learning rate on a cost surface.

Design: bpnet computes every number and a document holds them as JSON-able data, already formatted; one small
SVG renderer in plain JavaScript (``static/render.js`` + ``static/mount.js``) draws it, both as an anywidget front
end in JupyterLab and in a ``text/html`` output in the built book (no kernel, no network, no require.js), where the
output holds its data and the renderer loads once per site (``embed.py``, ``assets.py``). In the book the stepper
and the weights view recompute in the page for any weight and η: ``static/engine.js`` is bpnet's backpropagation
in JavaScript and ``static/document.js`` builds the same documents as Python, string for string (node tests).
The explorer trains and the cost surface descends in the page too (``static/lab.js`` draws, ``static/lab_model.js``
computes with engine.js); their documents carry the data, bpnet's initial parameters and the contour image. The
live plot widgets are matplotlib images.

Where things are: the documents and their ``static_*`` factories need neither anywidget nor ipywidgets.

- ``stepper.py``, ``weights.py``, ``explorer.py``, ``surface.py``: one module per document, with its factory;
- ``arrays.py``: the numbers of one step, from bpnet, as floats keyed by element id (nothing formatted);
  ``format.py``: how a number is written; ``document.py``: the parts the stepper and weights documents share;
  ``equations.py``: the lines beside the diagram. Element ids and symbols are :mod:`bpnet.notation`'s;
- ``embed.py``: the HTML output (:class:`StaticWidget`); ``assets.py``: the renderer's files, linked into one
  script (the book's extension writes it once per site) and one ES module (anywidget);
- ``live.py`` (anywidget: :class:`Stepper`, :class:`Weights`) and ``live_plots.py`` (ipywidgets and matplotlib:
  :class:`Explorer`, :class:`Surface`): the live widgets, which build the same documents in the kernel.

How to show a widget in a chapter
---------------------------------
Use two cells. The first gives the book a working static version (precomputed, deterministic output: its
element id is a hash of its content, so nbval strict sees the same bytes every run); the second, tagged
``remove-cell`` so that the book leaves it out, is the live version for readers in JupyterLab. Its output is
a widget view plus a short, stable ``text/plain`` repr (nbval ignores widget model ids), so no cell needs
``nbval-ignore-output``. Never put the live widget in a cell that the book shows: the built page has no kernel.

Stepper (widget 1)::

    # cell 1 (tags: remove-input)
    from bpnet.widgets import static_stepper
    static_stepper()                       # worked example; or static_stepper(net, x, y, lr=0.5, steps=2)

    # cell 2 (tags: remove-cell)
    from bpnet.widgets import Stepper
    Stepper()                              # or Stepper(net, x, y, lr=0.5): its own play and η controls

A live control starts at exactly the value given (η = 0.5 stays 0.5 until the reader moves it): the diagram
widgets add the starting η to their log-scale grid, and the ipywidgets-based ones use ``live_plots.lr_slider``, never a
``FloatLogSlider`` (which snaps its value to its own grid as it loads: 0.5 became 0.501).

Weights and learning rate (widget 2)::

    static_weights()                       # book: any weight and η, three starting weight settings
    Weights()                              # live (remove-cell): click an edge or pick it, move "value"

Training explorer (widget 3)::

    static_explorer()                      # book: trains in the page; xor, moons, circles, spirals; any η
    Explorer(dataset="moons", hidden=8)    # live (remove-cell)

Cost surface (widget 4)::

    static_surface()                       # book: the descent path for any η, computed in the page
    Surface(lr=0.4)                        # live (remove-cell)

Execute notebooks without storing widget state (``nbclient.NotebookClient(..., store_widget_state=False)``):
the live widgets' state (images included) would otherwise be saved into the notebook's metadata, and the book
needs none of it. Each static output stays under 300 KB (:data:`bpnet.widgets.embed.MAX_BYTES` is checked).

Each static output carries a caption saying it is the in-page copy, and each live widget one saying it is live
(``embed.STATIC_BADGE``, ``embed.LIVE_BADGE``). The live stepper and weights view draw a change at once from the
page's own engine (as the book does) and then from the kernel's document, which replaces it (``live.py``).

Every control is keyboard-operable and carries ``data-lm-suppress-shortcuts`` (JupyterLab then leaves arrow
keys to it). Bad values given to a live widget, from Python or by a reader (η <= 0, a NaN weight, an unknown
data set, an unknown parameter id), are shown as a message and the last good numbers stay on screen; nothing
raises. The ``static_*`` functions, run by chapter authors, raise ValueError for bad arguments instead.
"""
from __future__ import annotations

import importlib

__all__ = ["static_stepper", "Stepper", "static_weights", "Weights", "static_explorer", "Explorer",
           "static_surface", "Surface", "StaticWidget"]

_WHERE = {"static_stepper": "stepper", "Stepper": "live", "static_weights": "weights", "Weights": "live",
          "static_explorer": "explorer", "Explorer": "live_plots", "static_surface": "surface", "Surface": "live_plots",
          "StaticWidget": "embed"}


def __getattr__(name: str):
    """Import on first use, so that ``import bpnet.widgets`` stays cheap (matplotlib, anywidget load lazily)."""
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
