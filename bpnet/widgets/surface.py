"""Widget 4, the learning rate on a cost surface: two weights free, the others fixed (Chapter 7).

Contours of C(w_a, w_b) are drawn with matplotlib; gradient descent from a fixed start moves only the two free
weights, w <- w - eta dC/dw, with bpnet's gradients. The default problem is a linear unit with squared error on
correlated inputs: its cost is a long narrow bowl, so a small η is slow, a medium one good, a larger one
oscillates across the valley and past 2/λ_max it diverges (Eq. 7.2). The live widget is
:class:`bpnet.widgets.live_plots.Surface`. The two free weights are named by element ids (:mod:`bpnet.notation`),
"w1_0_0" for w⁽¹⁾₁₁.

In the book the path is computed in the page, for any η: :func:`static_surface` exports the problem (network,
data, free weights, start) and the contour image, and static/lab.js runs :func:`bpnet.surface.descent_path`'s
loop with static/engine.js (node parity test: tests/js/lab.test.mjs, 1e-12 against this module's paths).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..errors import check_int
from ..network import Network
from ..notation import Names, parse_id
from ..surface import DescentPath, Param, cost_surface, descent_path, get_weight
from .common import check_lr, lr_scale
from .embed import StaticWidget, embed
from .format import fmt, fmt_lr
from .plots import data_uri, palette_png, surface_figure

__all__ = ["surface_problem", "free_weight", "descend", "cost_grid", "surface_grid", "weight_names", "regime",
           "REGIMES", "surface_document", "static_surface", "SURFACE_LRS", "SURFACE_LR_RANGE", "SURFACE_TICKS"]

#: learning rates from slow to divergent on the default problem (tests and the live widget's checks)
SURFACE_LRS: tuple[float, ...] = (0.02, 0.05, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.1, 1.3)
#: the learning rates the book's η control reaches (log scale), and the ones labeled under its scale
SURFACE_LR_RANGE = (0.001, 10.0)
SURFACE_TICKS: tuple[float, ...] = (0.001, 0.01, 0.1, 1.0, 10.0)
#: what :func:`regime` says of a path (the page says the same: static_surface exports these texts)
REGIMES = {
    "divergent": "divergent: each step overshoots more than the last, and the cost grows",
    "oscillating": "oscillating: each step jumps across the valley; the cost still falls, in a zigzag",
    "slow": "slow: the steps are short; after these steps the cost is still far above its minimum",
    "good": "good: the path runs down into the valley and settles",
}


def surface_problem(seed: int = 0):
    """(net, X, Y, free, start, extent): a 2-1 linear unit, 64 correlated inputs, free weights w⁽¹⁾₁₁, w⁽¹⁾₁₂."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(64, 2)) @ np.array([[1.0, 0.0], [0.9, 0.45]])
    Y = (X @ np.array([1.0, 0.5]))[:, None] + 0.1 * rng.normal(size=(64, 1))
    net = Network([2, 1], activation="identity", output_activation="identity", loss="mse", init="zeros")
    return net, X, Y, ("w1_0_0", "w1_0_1"), (-1.5, 2.5), (-2.5, 3.5, -2.0, 4.0)


def free_weight(net, pid: str) -> Param:
    """The (l, j, k) of :mod:`bpnet.surface` for a free-weight id such as 'w1_0_0'."""
    try:
        kind, l, (j, k) = parse_id(pid)
        if kind != "w" or l < 1:
            raise ValueError
        get_weight(net, (l, j, k))
    except ValueError:
        raise ValueError(f"free weights are ids such as 'w1_0_0' (w⁽¹⁾₁₁ = net.weights[0][0, 0]); "
                         f"received {pid!r}") from None
    return l, j, k


def descend(net, X, Y, free: Sequence[str], start, lr: float, steps: int, extent) -> tuple[DescentPath, str]:
    """:func:`bpnet.surface.descent_path` on the two free weights, and the message shown when it diverged."""
    path = descent_path(net, X, Y, (free_weight(net, free[0]), free_weight(net, free[1])), check_lr(lr), steps,
                        start, extent)
    if path.stopped_at is None:
        return path, ""
    return path, (f"gradient descent diverged at step {path.stopped_at}: the cost grew from {fmt(path.costs[0], 4)} "
                  f"to {fmt(path.costs[-1], 4)} with learning rate η = {fmt_lr(path.lr)}. Each step overshoots the "
                  "valley by more than the last; lower the learning rate.")


def cost_grid(net, X, Y, free, extent, n: int) -> np.ndarray:
    """:func:`bpnet.surface.cost_surface` on an n x n grid over ``extent`` (rows: second weight, bottom to top)."""
    grid = (np.linspace(extent[0], extent[1], n), np.linspace(extent[2], extent[3], n))
    return cost_surface(net, X, Y, free_weight(net, free[0]), free_weight(net, free[1]), grid)


def weight_names(net, free) -> list[str]:
    """The book's symbols of the free weights, e.g. ["w⁽¹⁾₁₁", "w⁽¹⁾₁₂"] (axis titles and labels)."""
    nm = Names()
    return [nm.w(*free_weight(net, p)) for p in free]


def regime(costs: np.ndarray, pts: np.ndarray, message: str, floor: float) -> str:
    """slow, good, oscillating or divergent, read off the path."""
    if message or costs[-1] > costs[0]:
        return REGIMES["divergent"]
    steps = np.diff(pts, axis=0)
    turns = np.sum(np.einsum("ij,ij->i", steps[1:], steps[:-1]) < 0) if len(steps) > 1 else 0
    if turns > len(steps) / 3:
        return REGIMES["oscillating"]
    if costs[-1] - floor > 0.1 * (costs[0] - floor):
        return REGIMES["slow"]
    return REGIMES["good"]


@lru_cache(maxsize=4)
def _default_grid(n: int) -> np.ndarray:
    net, X, Y, free, start, extent = surface_problem()
    return cost_grid(net, X, Y, free, extent, n)


def surface_grid(problem, n: int, default: bool = False) -> np.ndarray:
    """:func:`cost_grid` over the extent of ``problem`` (:func:`surface_problem`'s tuple); ``default``: it is the
    default problem, whose grid is computed once per n."""
    if default:
        return _default_grid(n)
    net, X, Y, free, _, extent = problem
    return cost_grid(net, X, Y, free, extent, n)


def surface_document(ticks: Sequence[float] = SURFACE_TICKS, *, lr: float = 0.4, steps: int = 30, problem=None,
                     n: int = 60) -> dict:
    """What the page draws and computes with (static/lab.js): the contour image (``n`` x ``n`` costs, drawn by
    matplotlib) with its axes box in pixels, and the problem: the network, the data, the two free weights as
    (l, j, k), the start, the extent, the number of steps; the book's names of the weights, the lowest cost of the
    grid (:func:`regime`'s floor) and :data:`REGIMES`. The η control starts at ``lr``; ``ticks`` are labeled."""
    default, problem = problem is None, problem or surface_problem()
    net, X, Y, free, start, extent = problem
    (lo, hi), lr = SURFACE_LR_RANGE, check_lr(lr)
    if not lo <= lr <= hi:
        raise ValueError(f"the learning rate η must lie in [{lo:g}, {hi:g}]; received {lr!r}")
    params = [free_weight(net, pid) for pid in free]
    grid, names = surface_grid(problem, n, default), weight_names(net, free)
    png, box, _ = surface_figure(grid, extent, names)
    ticks = [float(t) for t in ticks if lo <= t <= hi]
    return {"kind": "surface", "image": data_uri(palette_png(png)), "width": 400, "height": 336, "axes": box,
            "problem": {"net": {"activation": net.activation.name, "output_activation": net.output_activation.name,
                                "loss": net.loss_fn.name, "weights": [W.tolist() for W in net.weights],
                                "biases": [b.tolist() for b in net.biases]},
                        "X": np.asarray(X, dtype=float).tolist(), "Y": np.asarray(Y, dtype=float).tolist(),
                        "free": [list(p) for p in params], "start": [float(v) for v in start],
                        "extent": [float(v) for v in extent], "steps": check_int(steps, "steps", 1, 1000)},
            "names": names, "floor": float(grid.min()), "regimes": REGIMES,
            "controls": {"lr": {**lr_scale(lr, lo, hi), "ticks": ticks}}}


def static_surface(lrs: Sequence[float] = SURFACE_TICKS, *, lr: float = 0.4, steps: int = 30, problem=None,
                   n: int = 60) -> StaticWidget:
    """The cost surface for the book: the page computes the gradient-descent path for any η
    (:func:`surface_document`); ``lrs`` are the learning rates labeled under the η scale."""
    return embed("surface", surface_document(lrs, lr=lr, steps=steps, problem=problem, n=n))
