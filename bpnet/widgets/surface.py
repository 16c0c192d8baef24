"""Widget 4, the learning rate on a cost surface: two weights free, the others fixed (Chapter 7).

Contours of C(w_a, w_b) are drawn with matplotlib; gradient descent from a fixed start moves only the two free
weights, w <- w - eta dC/dw, with bpnet's gradients. The default problem is a linear unit with squared error on
correlated inputs: its cost is a long narrow bowl, so a small η is slow, a medium one good, a larger one
oscillates across the valley and past 2/λ_max it diverges. :func:`static_surface` precomputes the paths.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import ipywidgets as W
import numpy as np

from ..network import Network
from ..surface import DescentPath, Param, cost_surface, descent_path, get_weight
from ..trace import Names, fmt, fmt_lr
from .common import as_message, check_lr, lr_control, lr_slider
from .plots import data_uri, surface_figure
from .static import StaticWidget, embed

__all__ = ["surface_problem", "regime", "static_surface", "Surface", "SURFACE_LRS"]

SURFACE_LRS: tuple[float, ...] = (0.02, 0.05, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.1, 1.3)


def surface_problem(seed: int = 0):
    """(net, X, Y, free, start, extent): a 2-1 linear unit, 64 correlated inputs, free weights w⁽¹⁾₁₁, w⁽¹⁾₁₂."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(64, 2)) @ np.array([[1.0, 0.0], [0.9, 0.45]])
    Y = (X @ np.array([1.0, 0.5]))[:, None] + 0.1 * rng.normal(size=(64, 1))
    net = Network([2, 1], activation="identity", output_activation="identity", loss="mse", init="zeros")
    return net, X, Y, ("w1_0_0", "w1_0_1"), (-1.5, 2.5), (-2.5, 3.5, -2.0, 4.0)


def _param(net, pid: str) -> Param:
    """The (l, j, k) of :mod:`bpnet.surface` for a free-weight id such as 'w1_0_0'."""
    try:
        l, j, k = (int(i) for i in pid[1:].split("_"))
        if pid[0] != "w" or l < 1:
            raise ValueError
        get_weight(net, (l, j, k))
    except ValueError:
        raise ValueError(f"free weights are ids such as 'w1_0_0' (w⁽¹⁾₁₁ = net.weights[0][0, 0]); received {pid!r}")
    return l, j, k


def _descend(net, X, Y, free: Sequence[str], start, lr: float, steps: int, extent) -> tuple[DescentPath, str]:
    """:func:`bpnet.surface.descent_path` on the two free weights, and the message shown when it diverged."""
    path = descent_path(net, X, Y, (_param(net, free[0]), _param(net, free[1])), check_lr(lr), steps, start,
                        extent)
    if path.stopped_at is None:
        return path, ""
    return path, (f"gradient descent diverged at step {path.stopped_at}: the cost grew from {fmt(path.costs[0], 4)} "
                  f"to {fmt(path.costs[-1], 4)} with learning rate η = {fmt_lr(path.lr)}. Each step overshoots the "
                  "valley by more than the last; lower the learning rate.")


def _cost_grid(net, X, Y, free, extent, n: int) -> np.ndarray:
    """:func:`bpnet.surface.cost_surface` on an n x n grid over ``extent`` (rows: second weight, bottom to top)."""
    grid = (np.linspace(extent[0], extent[1], n), np.linspace(extent[2], extent[3], n))
    return cost_surface(net, X, Y, _param(net, free[0]), _param(net, free[1]), grid)


def _names(net, free) -> list[str]:
    nm = Names()
    return [nm.w(*_param(net, p)) for p in free]


def regime(costs: np.ndarray, pts: np.ndarray, message: str, floor: float) -> str:
    """slow, good, oscillating or divergent, read off the path."""
    if message or costs[-1] > costs[0]:
        return "divergent: each step overshoots more than the last, and the cost grows"
    steps = np.diff(pts, axis=0)
    turns = np.sum(np.einsum("ij,ij->i", steps[1:], steps[:-1]) < 0) if len(steps) > 1 else 0
    if turns > len(steps) / 3:
        return "oscillating: each step jumps across the valley; the cost still falls, in a zigzag"
    if costs[-1] - floor > 0.1 * (costs[0] - floor):
        return "slow: the steps are short; after these steps the cost is still far above its minimum"
    return "good: the path runs down into the valley and settles"


@lru_cache(maxsize=4)
def _default_grid(n: int):
    net, X, Y, free, start, extent = surface_problem()
    return _cost_grid(net, X, Y, free, extent, n)


def static_surface(lrs: Sequence[float] = SURFACE_LRS, *, steps: int = 30, problem=None, n: int = 60) -> StaticWidget:
    """The cost surface for the book: one precomputed descent path per learning rate."""
    net, X, Y, free, start, extent = problem or surface_problem()
    grid = _default_grid(n) if problem is None else _cost_grid(net, X, Y, free, extent, n)
    names = _names(net, free)
    png, box, to_px = surface_figure(grid, extent, names)
    runs = []
    for lr in lrs:
        path, message = _descend(net, X, Y, free, start, lr, steps, extent)
        pts, costs = path.points, path.costs
        runs.append({"lr": lr, "lr_text": fmt_lr(lr), "path": [to_px(a, b) for a, b in pts], "message": message,
                     "labels": [f"step {i}: {names[0]} = {fmt(a, 4)}, {names[1]} = {fmt(b, 4)}, C = {fmt(c, 4)}"
                                for i, ((a, b), c) in enumerate(zip(pts, costs))],
                     "regime": regime(costs, pts, message, float(grid.min()))})
    doc = {"kind": "surface", "image": data_uri(png), "width": 400, "height": 336, "axes": box, "runs": runs,
           "controls": {"lr": lr_control(lrs, 0.4)}}
    return embed("surface", doc)


class Surface(W.VBox):
    """The live cost surface: a log-scale η slider and a step count; the path is redrawn with matplotlib."""

    def __init__(self, lr: float = 0.4, steps: int = 30, *, problem=None, n: int = 60):
        self.problem = problem or surface_problem()
        net, X, Y, free, start, extent = self.problem
        self.grid = _default_grid(n) if problem is None else _cost_grid(net, X, Y, free, extent, n)
        self.names = _names(net, free)
        self.lr = lr_slider(lr if isinstance(lr, (int, float)) and not isinstance(lr, bool) and lr > 0 else 0.4,
                            hi=10.0)
        self.steps = W.IntSlider(value=30, min=1, max=200, description="steps")
        self.image, self.note = W.Image(format="png"), W.HTML()
        super().__init__([W.HBox([self.lr, self.steps]), self.note, self.image])
        self.message, self.regime = "", ""
        for c in (self.lr, self.steps):
            c.observe(lambda _c: self.redraw(), names="value")
        self.redraw(lr, steps)

    def redraw(self, lr=None, steps=None) -> None:
        """Recompute the path for (lr, steps) (default: the sliders') and redraw; bad values give a message."""
        lr = self.lr.value if lr is None else lr
        steps = self.steps.value if steps is None else steps
        net, X, Y, free, start, extent = self.problem

        def run():
            if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 1 <= steps <= 1000:
                raise ValueError(f"steps must be an integer from 1 to 1000; received {steps!r}")
            return _descend(net, X, Y, free, start, lr, steps, extent)

        result, message = as_message(run)
        if result is None:
            self.message = message
            self.note.value = f"<div role='status' style='color:#a00'>{message}</div>"
            return
        path, self.message = result
        pts, costs = path.points, path.costs
        self.regime = regime(costs, pts, self.message, float(self.grid.min()))
        self.note.value = f"<div role='status'>{self.message or self.regime}</div>"
        title = f"η = {fmt_lr(lr)}: {self.regime.split(':')[0]}"
        self.image.value = surface_figure(self.grid, extent, self.names, pts, title)[0]

    def __repr__(self) -> str:
        return f"Surface(lr={self.lr.value:g}, steps={self.steps.value})"
