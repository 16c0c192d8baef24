"""Small matplotlib helpers shared by the chapters (first used in Chapter 2).

* :func:`plot_decision_boundary` shades the plane by the class the network predicts, a^{(L)} = phi(z^{(L)})
  thresholded at 1/2 for one output unit and the arg max over the output units otherwise, and draws the data.
* :func:`plot_cost_curve` draws the mean cost C = (1/n) sum_x C_x per epoch (Eq. 2.4) from ``History.loss``.
* :func:`plot_weight_nudge` draws the cost C as a function of one weight, with its tangent of slope dC/dw
  (Chapter 1: nudge w by eps and C changes by about eps dC/dw).

All three draw on an ``ax`` the caller owns and return it; none creates, shows or closes a figure.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .evaluate import predict_labels, target_labels

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .network import Network

__all__ = ["predicted_class", "plot_decision_boundary", "plot_cost_curve", "plot_weight_nudge",
           "CLASS_COLORS"]

#: One color per class (color-blind-safe; up to 10 classes).
CLASS_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
                "#999999", "#882255"]


#: The class the network predicts for each row of X: a^{(L)} > 1/2 for one output, else arg max_j a^{(L)}_j.
predicted_class = predict_labels


def plot_decision_boundary(ax: Axes, net: Network, X, Y, *, resolution: int = 200, margin: float = 0.5,
                           title: str | None = None) -> Axes:
    """Shade the plane by ``predicted_class(net, .)`` on a grid and scatter the 2-D data (X, Y) on top.

    ``Y`` is a 0/1 column (one output unit) or one-hot rows; ``margin`` pads the data's range on each side.
    """
    from matplotlib.colors import ListedColormap

    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"plot_decision_boundary needs 2-D inputs X of shape (n, 2); received shape {X.shape}")
    labels = target_labels(Y)
    if labels.shape[0] != X.shape[0]:
        raise ValueError(f"X and Y must have the same number of rows; received {X.shape[0]} and {labels.shape[0]}")
    n_classes = max(int(labels.max()) + 1, net.sizes[-1] if net.sizes[-1] > 1 else 2)
    if n_classes > len(CLASS_COLORS):
        raise ValueError(f"plot_decision_boundary supports at most {len(CLASS_COLORS)} classes; received {n_classes}")
    (x0, y0), (x1, y1) = X.min(axis=0) - margin, X.max(axis=0) + margin
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    pred = predicted_class(net, np.c_[gx.ravel(), gy.ravel()]).reshape(gx.shape)
    cmap = ListedColormap(CLASS_COLORS[:n_classes])
    ax.contourf(gx, gy, pred, levels=np.arange(n_classes + 1) - 0.5, cmap=cmap, alpha=0.25)
    ax.contour(gx, gy, pred, levels=np.arange(n_classes) + 0.5, colors="k", linewidths=1)
    for c in range(n_classes):
        pts = X[labels == c]
        ax.scatter(pts[:, 0], pts[:, 1], s=18, color=CLASS_COLORS[c], edgecolor="k", linewidth=0.4,
                   label=f"class {c}")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title is not None:
        ax.set_title(title)
    return ax


def plot_cost_curve(ax: Axes, losses: Sequence[float], label: str | None = None, *, log: bool = False,
                    **kwargs) -> Axes:
    """Plot the mean cost per epoch (``History.loss``) against the epoch number 1, 2, ...; ``log`` for a log y-axis."""
    losses = np.asarray(losses, dtype=float)
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"losses must be a non-empty 1-D sequence of costs; received shape {losses.shape}")
    ax.plot(np.arange(1, losses.size + 1), losses, label=label, **kwargs)
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean cost $C$")
    if log:
        ax.set_yscale("log")
    if label is not None:
        ax.legend()
    return ax


def plot_weight_nudge(ax: Axes, net: Network, X, Y, l: int, j: int, k: int, *, span: float = 1.5,
                      nudge: float | None = None, points: int = 201) -> Axes:
    """Draw the cost C (``net.loss(X, Y)``) as a function of the one weight w = w^{(l)}_{jk} (layer ``l`` and units
    ``j``, ``k`` counted from 1, as in the book: ``net.W(l)[j-1, k-1]``) over w +- ``span``, every other parameter
    held fixed; the tangent at the current w, of slope dC/dw from backprop (``net.gradients``); and the point
    (w, C(w)). With ``nudge=eps`` also mark, at w + eps, the cost C(w + eps) on the curve and the tangent's
    prediction C(w) + eps dC/dw: their gap is what the first-order estimate misses. ``net`` is left unchanged.
    Returns ``ax``; the caller owns the figure."""
    from .notation import latex

    span = float(span)
    if not span > 0:
        raise ValueError(f"span must be positive; received {span!r}")
    if not (1 <= l <= net.n_layers and 1 <= j <= net.sizes[l] and 1 <= k <= net.sizes[l - 1]):
        raise ValueError(f"w^({l})_{{{j}{k}}} is not a weight of a network of sizes {list(net.sizes)}: expected "
                         f"1 <= l <= {net.n_layers}, 1 <= j <= sizes[l], 1 <= k <= sizes[l-1]")
    work = net.copy()
    w0 = float(work.W(l)[j - 1, k - 1])
    slope = float(work.gradients(X, Y).dW(l)[j - 1, k - 1])

    def cost(w: float) -> float:
        work.W(l)[j - 1, k - 1] = w
        return float(work.loss(X, Y))

    ws = np.linspace(w0 - span, w0 + span, points)
    cs = np.array([cost(w) for w in ws])
    c0 = cost(w0)
    name = f"${latex('w', l, j - 1, k - 1)}$"
    ax.plot(ws, cs, color=CLASS_COLORS[0], lw=2, label="cost $C$")
    ax.plot(ws, c0 + slope * (ws - w0), "--", color=CLASS_COLORS[1], lw=1.5,
            label=rf"tangent, slope $\partial C/\partial w$ = {slope:.4g}")
    ax.plot([w0], [c0], "o", color="k", ms=6, zorder=3, label=f"current {name} = {w0:g}")
    if nudge is not None:
        eps = float(nudge)
        c1 = cost(w0 + eps)
        ax.plot([w0, w0 + eps], [c0, c0], ":", color="0.4", lw=1)
        ax.plot([w0 + eps] * 2, [c0, c1], "-", color=CLASS_COLORS[0], lw=3, alpha=0.5, zorder=2)
        ax.plot([w0 + eps], [c1], "o", color=CLASS_COLORS[0], ms=6, zorder=3,
                label=rf"$C(w + \epsilon)$, $\epsilon$ = {eps:g}")
        ax.plot([w0 + eps], [c0 + eps * slope], "x", color=CLASS_COLORS[1], ms=8, mew=2, zorder=3,
                label=r"$C(w) + \epsilon\,\partial C/\partial w$")
    ax.set_xlabel(f"weight {name}")
    ax.set_ylabel("cost $C$")
    ax.legend()
    return ax
