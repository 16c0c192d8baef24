"""Widget 1, the backprop stepper: one training step of a small network, phase by phase (Chapters 4 and 5).

The timeline is the forward pass layer by layer, the cost, the output deltas, each hidden delta (with the
edges its sum runs over highlighted), dC/dw on every edge, the update (old -> new) and the cost after it.
:func:`static_stepper` precomputes one run per learning rate for the book; :class:`Stepper` recomputes in the
kernel when the learning rate changes, and its ``phase`` links to an ``ipywidgets.Play``.
"""
from __future__ import annotations

from typing import Sequence

import traitlets

from ..trace import one_example, stepper_trace
from .common import BOOK_LRS, LIVE_LRS, check_drawable, lr_control, worked_example_copy
from .live import TraceWidget
from .static import StaticWidget, embed

__all__ = ["static_stepper", "Stepper"]


def static_stepper(net=None, x=None, y=None, lrs: Sequence[float] = BOOK_LRS, *, lr: float = 0.5, steps: int = 1,
                   digits: int = 4) -> StaticWidget:
    """The stepper for the book: one precomputed run per learning rate in ``lrs`` (the slider starts at ``lr``).

    With no network, the worked example of Chapter 4 (2-2-2, sigmoid, squared error).
    """
    if net is None:
        net, x, y = worked_example_copy()
    check_drawable(net)
    doc = stepper_trace(net, x, y, lrs, steps=steps, digits=digits)
    doc["controls"] = {"lr": lr_control(lrs, lr)}
    return embed("stepper", doc)


class Stepper(TraceWidget):
    """The live stepper. ``lr`` (η) and ``steps`` recompute the trace in Python; ``phase`` is the frame shown.

    The widget draws its own play, step and η controls; ``phase`` and ``lr`` are traitlets that other controls
    may also link to (``ipywidgets.jslink((play, "value"), (stepper, "phase"))``).
    """

    phase = traitlets.Int(0).tag(sync=True)
    steps = traitlets.Int(1).tag(sync=True)

    def __init__(self, net=None, x=None, y=None, *, lr: float = 0.5, steps: int = 1, digits: int = 4,
                 lrs: Sequence[float] = LIVE_LRS, **kwargs):
        if net is None:
            net, x, y = worked_example_copy()
        one_example(net, x, y)
        check_drawable(net)
        self._net, self._x, self._y, self._digits = net.copy(), x, y, digits
        super().__init__(lr, lrs, steps=int(steps), **kwargs)
        self._rebuild()

    @property
    def n_frames(self) -> int:
        """Number of frames of the timeline (phases x steps): the ``max`` for a Play widget is n_frames - 1."""
        return len(self.doc["phases"]) * len(self.doc["runs"][0]["steps"])

    @traitlets.observe("steps")
    def _on_steps(self, change) -> None:
        if self._ready:
            self._rebuild()

    def _build(self, lr: float) -> dict:
        if not 1 <= self.steps <= 50:
            raise ValueError(f"steps must be an integer from 1 to 50; received {self.steps!r}")
        return stepper_trace(self._net, self._x, self._y, [lr], steps=self.steps, digits=self._digits)

    def _extra(self, doc: dict) -> None:
        self.phase = min(self.phase, len(doc["phases"]) * len(doc["runs"][0]["steps"]) - 1)

    def __repr__(self) -> str:
        return f"Stepper(sizes={list(self._net.sizes)}, lr={self.lr:g}, steps={self.steps})"
