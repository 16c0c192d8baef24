"""The cost as a function of two weights, and gradient descent on it (Chapter 7).

Fix every parameter of a network except two weights p and q; the cost C(p, q) is then a surface over the plane,
and gradient descent on those two weights, (p, q) <- (p, q) - eta (dC/dp, dC/dq) (Eq. 7.1), is a path on it.
Near a minimum C is close to a quadratic with Hessian H; along the eigenvector of H with the largest eigenvalue
lambda_max one step multiplies the distance to the minimum by (1 - eta lambda_max), so descent is slow for
eta << 1 / lambda_max, oscillates for 1 / lambda_max < eta < 2 / lambda_max and diverges beyond 2 / lambda_max
(Eq. 7.2). Pure NumPy over :class:`bpnet.Network`; no plotting.

A weight is named by ``(l, j, k)``: the book's layer ``l`` (1..L) and the 0-based array indices ``j, k``, so
``(l, j, k)`` is ``net.weights[l - 1][j, k]``, the book's w^{(l)}_{j+1, k+1}.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .errors import check_int, check_positive
from .network import Network
from .notation import latex

__all__ = ["Param", "weight_label", "get_weight", "set_weights", "cost_surface", "hessian", "DescentPath",
           "descent_path"]

Param = tuple[int, int, int]


def _check_param(net: Network, p) -> Param:
    try:
        l, j, k = (int(i) for i in p)
        if not 1 <= l <= net.n_layers:
            raise IndexError
        shape = net.weights[l - 1].shape
        if not (0 <= j < shape[0] and 0 <= k < shape[1]):
            raise IndexError
    except (TypeError, ValueError, IndexError):
        raise ValueError(
            f"a weight is (l, j, k) with l in 1..{net.n_layers} and (j, k) an index of net.weights[l - 1] "
            f"(shapes {[W.shape for W in net.weights]}); received {p!r}"
        ) from None
    return l, j, k


def weight_label(p: Param) -> str:
    """The book's LaTeX name of weight (l, j, k): w^{(l)}_{j+1 k+1}, e.g. ``w^{(2)}_{11}`` for (2, 0, 0)."""
    l, j, k = (int(i) for i in p)
    return latex("w", l, j, k)


def get_weight(net: Network, p: Param) -> float:
    """The current value of weight (l, j, k)."""
    l, j, k = _check_param(net, p)
    return float(net.weights[l - 1][j, k])


def set_weights(net: Network, params: Sequence[Param], values: Sequence[float]) -> Network:
    """A copy of ``net`` with the weights ``params`` set to ``values`` (``net`` itself is unchanged)."""
    params = [_check_param(net, p) for p in params]
    if len(values) != len(params):
        raise ValueError(f"expected {len(params)} values, one per weight; received {len(values)}")
    out = net.copy()
    for (l, j, k), v in zip(params, values):
        out.weights[l - 1][j, k] = v
    return out


def cost_surface(net: Network, X, Y, p: Param, q: Param, grid: tuple[Sequence[float], Sequence[float]]) -> np.ndarray:
    """C(p, q) on a grid: ``grid = (ps, qs)``, two 1-D arrays; returns C with ``C[i, j] = C(ps[j], qs[i])``.

    Rows follow q and columns p, the layout ``matplotlib.pyplot.contour(ps, qs, C)`` expects. Every other
    parameter keeps its value in ``net``; ``net`` is not modified.
    """
    ps, qs = (np.asarray(g, dtype=float) for g in grid)
    if ps.ndim != 1 or qs.ndim != 1 or ps.size < 2 or qs.size < 2:
        raise ValueError(f"grid must be two 1-D arrays of at least 2 values; received shapes {ps.shape}, {qs.shape}")
    work = set_weights(net, [p, q], [get_weight(net, p), get_weight(net, q)])
    (lp, jp, kp), (lq, jq, kq) = _check_param(net, p), _check_param(net, q)
    C = np.empty((qs.size, ps.size))
    for i, vq in enumerate(qs):
        work.weights[lq - 1][jq, kq] = vq
        for j, vp in enumerate(ps):
            work.weights[lp - 1][jp, kp] = vp
            C[i, j] = work.loss(X, Y)
    return C


def hessian(net: Network, X, Y, p: Param, q: Param, eps: float = 1e-4) -> np.ndarray:
    """The 2 x 2 Hessian of C(p, q) at the current weights, by central differences of backprop's gradient.

    H[a, b] ~ (dC/dp_a (p + eps e_b) - dC/dp_a (p - eps e_b)) / (2 eps), symmetrized. For a linear output unit
    with squared error, C is exactly quadratic in the output weights and H is exact up to rounding.
    """
    eps = check_positive(eps, "eps")
    params = [_check_param(net, p), _check_param(net, q)]
    base = [get_weight(net, r) for r in params]

    def grad(values) -> np.ndarray:
        g = set_weights(net, params, values).gradients(X, Y)
        return np.array([g.weights[l - 1][j, k] for l, j, k in params])

    H = np.empty((2, 2))
    for b in range(2):
        up, down = list(base), list(base)
        up[b] += eps
        down[b] -= eps
        H[:, b] = (grad(up) - grad(down)) / (2 * eps)
    return (H + H.T) / 2


@dataclass
class DescentPath:
    """Gradient descent on two weights: ``points[t]`` = (p, q) after t steps, ``costs[t]`` = C there.

    ``diverged`` is True when the cost ended higher than it started or became NaN/inf (the path then stops at
    the last finite point). ``stopped_at`` is the step t at which descent stopped early (the weights or the cost
    became NaN/inf, or the path left the bounds given by ``extent``), None when all steps ran.
    """

    points: np.ndarray
    costs: np.ndarray
    lr: float
    diverged: bool
    stopped_at: int | None = None


def descent_path(net: Network, X, Y, params: tuple[Param, Param], lr: float, steps: int = 30,
                 start: tuple[float, float] | None = None,
                 extent: tuple[float, float, float, float] | None = None) -> DescentPath:
    """``steps`` steps of (p, q) <- (p, q) - eta (dC/dp, dC/dq), every other parameter fixed (Eq. 7.1).

    Starts from ``start`` if given, else from the weights' values in ``net``; ``net`` is not modified.
    Gradients are bpnet's backprop gradients of the mean cost over (X, Y). With ``extent = (p0, p1, q0, q1)``
    (the plotted region) descent also stops, keeping that point, once p or q is more than 5 times the region's
    larger side away from the start: the path has clearly left the picture.
    """
    eta = check_positive(lr, "lr (the learning rate eta)")
    steps = check_int(steps, "steps", 0)
    params = tuple(_check_param(net, r) for r in params)
    if len(params) != 2 or params[0] == params[1]:
        raise ValueError(f"params must be two different weights (l, j, k); received {params!r}")
    values = [get_weight(net, r) for r in params] if start is None else [float(v) for v in start]
    work = set_weights(net, params, values)
    reach = 5 * max(extent[1] - extent[0], extent[3] - extent[2]) if extent is not None else np.inf
    points, costs, stopped_at = [tuple(values)], [work.loss(X, Y)], None
    for t in range(1, int(steps) + 1):
        g = work.gradients(X, Y)
        with np.errstate(over="ignore", invalid="ignore"):
            new = [work.weights[l - 1][j, k] - eta * g.weights[l - 1][j, k] for l, j, k in params]
        if not np.all(np.isfinite(new)):
            stopped_at = t
            break
        for (l, j, k), v in zip(params, new):
            work.weights[l - 1][j, k] = v
        with np.errstate(over="ignore", invalid="ignore"):
            c = work.loss(X, Y)
        if not np.isfinite(c):
            stopped_at = t
            break
        points.append(tuple(float(v) for v in new))
        costs.append(c)
        if abs(new[0] - values[0]) > reach or abs(new[1] - values[1]) > reach:
            stopped_at = t
            break
    costs_arr = np.array(costs)
    diverged = len(costs) < steps + 1 or bool(costs_arr[-1] > costs_arr[0])
    return DescentPath(np.array(points), costs_arr, eta, diverged, stopped_at)
