"""Widget 3, the training explorer: data set, hidden width, activation, η and batch size; train, step, reset
(Chapters 7 and 10). A live cost curve and decision boundary are drawn with matplotlib; a run that diverges
shows :class:`bpnet.DivergenceError`'s message and the last finite state, never a NaN plot.
:func:`static_explorer` precomputes data sets x learning rates for the book; the live widget is
:class:`bpnet.widgets.live_plots.Explorer`, which trains with the same functions.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .. import datasets
from ..errors import DivergenceError, check_int
from ..evaluate import accuracy
from ..network import Network
from .common import check_lr, lr_control
from .embed import StaticWidget, embed
from .format import fmt, fmt_lr
from .plots import boundary_grid, data_uri, extent_of, grid_png

__all__ = ["DATASETS", "ACTIVATIONS", "BATCHES", "load", "make_network", "train", "static_explorer"]

#: The data sets the explorer offers: :data:`bpnet.datasets.DATASETS` itself (one registry), so a generator added
#: there appears in the explorer's menu too.
DATASETS = datasets.DATASETS
#: How the explorer draws a data set: keyword arguments for its generator (200 points, a little more noise than
#: the generators' defaults); a data set not listed here is drawn with its generator's defaults.
DATASET_SETTINGS: dict[str, dict] = {
    "moons": {"n": 200, "noise": 0.15},
    "circles": {"n": 200, "noise": 0.08},
    "spirals": {"n": 200, "noise": 0.15},
}
ACTIVATIONS = ("tanh", "relu", "sigmoid")
BATCHES = {"full batch": None, "1 (online)": 1, "8": 8, "32": 32}


def load(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The data set ``name`` as the explorer draws it (:func:`bpnet.datasets.load` with :data:`DATASET_SETTINGS`)."""
    return datasets.load(name, **DATASET_SETTINGS.get(name, {}))


def make_network(hidden: int, activation: str = "tanh", *, seed: int = 0, output_activation: str = "sigmoid",
                 loss: str = "cross_entropy") -> Network:
    """A 2-hidden-1 classifier; ValueError for a width outside 1..256 or an unknown activation."""
    hidden = check_int(hidden, "the hidden width", 1, 256)
    return Network([2, hidden, 1], activation=activation, output_activation=output_activation, loss=loss,
                   seed=seed)


def train(net: Network, X, Y, *, epochs: int, lr: float, batch_size=None, seed: int = 0,
          costs: list | None = None) -> tuple[list[float], str]:
    """Train in place; returns (the cost before training and after each finished epoch, message or "")."""
    costs = costs if costs is not None else [net.loss(X, Y)]

    def record(epoch, n, loss):
        c = n.loss(X, Y)
        if not np.isfinite(c):  # the next epoch raises DivergenceError; never plot a NaN or inf
            return False
        costs.append(c)

    with np.errstate(all="ignore"):
        try:
            net.fit(X, Y, epochs=epochs, lr=check_lr(lr), batch_size=batch_size, seed=seed, callback=record)
        except DivergenceError as exc:
            return costs, str(exc)
        final = net.loss(X, Y)
    if not np.isfinite(final):
        return costs, (f"training diverged: the cost became {final} with learning rate eta = {lr:g}. "
                       f"Lower the learning rate (try eta = {lr / 10:g}).")
    return costs, ""


def _panel_points(X, Y, extent, box) -> list:
    x0, y0, w, h = box
    sx, sy = w / (extent[1] - extent[0]), h / (extent[3] - extent[2])
    return [[round(x0 + (a - extent[0]) * sx, 1), round(y0 + (extent[3] - b) * sy, 1), int(c > 0.5)]
            for (a, b), c in zip(X, Y[:, 0])]


def _curve(costs, box) -> tuple[str, list]:
    x0, y0, w, h = box
    top = max(costs) or 1.0
    idx = np.unique(np.linspace(0, len(costs) - 1, min(len(costs), 80)).astype(int))
    pts = " ".join(f"{x0 + w * i / max(len(costs) - 1, 1):.1f},{y0 + h * (1 - costs[i] / top):.1f}" for i in idx)
    axis = [[x0, y0 + h + 12, "epoch 0", "start"], [x0 + w, y0 + h + 12, f"epoch {len(costs) - 1}", "end"],
            [x0 + 3, y0 + 11, f"C {fmt(top, 3)}", "start"], [x0 + w - 3, y0 + 11, f"final {fmt(costs[-1], 4)}", "end"]]
    return pts, axis


def static_explorer(names: Sequence[str] = ("moons", "circles", "spirals"),
                    lrs: Sequence[float] = (0.03, 0.3, 3.0, 30.0), *, hidden: int = 8, activation: str = "tanh",
                    epochs: int = 300, batch_size=None, seed: int = 0, grid: int = 48) -> StaticWidget:
    """Precomputed runs, one per (data set, η), behind a data-set selector and a learning-rate slider."""
    panel = {"width": 520, "height": 250, "box": [8, 8, 224, 224], "curve": [270, 8, 240, 210]}
    docsets, runs = [], []
    for di, name in enumerate(names):
        X, Y = load(name)
        extent = extent_of(X)
        docsets.append({"name": name, "points": _panel_points(X, Y, extent, panel["box"])})
        for lr in lrs:
            net = make_network(hidden, activation, seed=seed)
            costs, message = train(net, X, Y, epochs=epochs, lr=lr, batch_size=batch_size, seed=seed)
            curve, axis = _curve(costs, panel["curve"])
            runs.append({"key": f"{name}-{fmt_lr(lr)}", "dataset": di, "lr": lr, "lr_text": fmt_lr(lr),
                         "image": data_uri(grid_png(boundary_grid(net, extent, grid))), "curve": curve, "axis": axis,
                         "message": message,
                         "summary": f"{name}, {hidden} {activation} units, η = {fmt_lr(lr)}: cost {fmt(costs[0], 3)} → "
                                    f"{fmt(costs[-1], 3)} after {len(costs) - 1} epochs, "
                                    f"{accuracy(net, X, Y):.0%} of points classified right"})
    doc = {"kind": "explorer", "panel": panel, "datasets": docsets, "runs": runs,
           "controls": {"setting": {"labels": list(names), "index": 0, "name": "data set"},
                        "lr": lr_control(lrs, lrs[1])}}
    return embed("explorer", doc)

