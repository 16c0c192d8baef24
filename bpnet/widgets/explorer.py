"""Widget 3, the training explorer: data set, hidden width, activation, η and batch size; train, step, reset
(Chapters 7 and 10), with a live cost curve and decision boundary; a run that diverges shows
:class:`bpnet.DivergenceError`'s message and the last finite state, never a NaN plot.

In the book the explorer trains in the page: :func:`static_explorer` exports the data sets and bpnet's initial
parameters, and static/lab.js trains with static/engine.js, bpnet's second implementation (node parity tests:
tests/js/lab.test.mjs). The live widget is :class:`bpnet.widgets.live_plots.Explorer`, which trains with
:func:`train` and draws with matplotlib.
"""
from __future__ import annotations

import base64
from collections.abc import Sequence

import numpy as np

from .. import datasets
from ..errors import DivergenceError, check_choice, check_int
from ..network import Network
from .common import check_lr, lr_scale
from .embed import StaticWidget, embed
from .plots import extent_of

__all__ = ["DATASETS", "ACTIVATIONS", "BATCHES", "OUTPUTS", "WIDTHS", "LR_RANGE", "load", "make_network", "train",
           "float64_text", "explorer_document", "static_explorer"]

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
#: the output layer and cost the book's explorer offers: (output activation, loss). With a sigmoid output and
#: cross-entropy the cost cannot overflow, however large η; with an identity output and squared error a large η
#: makes it grow until it does, and training stops with DivergenceError's message (Chapter 7).
OUTPUTS = {"sigmoid output, cross-entropy": ("sigmoid", "cross_entropy"),
           "identity output, squared error": ("identity", "mse")}
#: the hidden widths the book's explorer offers (bpnet's initial parameters for each are in its document)
WIDTHS = tuple(range(1, 17))
#: the learning rates the book's η controls reach (log scale), and the ones labeled under the explorer's scale
LR_RANGE = (0.001, 100.0)
LR_TICKS = (0.001, 0.01, 0.1, 1.0, 10.0, 100.0)


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


def float64_text(values) -> str:
    """Doubles, exactly, in about half the characters of their decimal digits: base64 of their little-endian
    IEEE-754 bytes (lab_model.js's float64s reads them back)."""
    return base64.b64encode(np.asarray(values, dtype="<f8").tobytes()).decode("ascii")


def _params(net: Network) -> dict:
    """A network's parameters for the page: ``sizes``, and W then b of each layer, flattened row by row, in one
    :func:`float64_text`."""
    flat = [p.ravel() for W, b in zip(net.weights, net.biases) for p in (W, b)]
    return {"sizes": list(net.sizes), "params": float64_text(np.concatenate(flat))}


def explorer_document(names: Sequence[str] = tuple(DATASETS), ticks: Sequence[float] = LR_TICKS, *,
                      dataset: str = "moons", hidden: int = 8, activation: str = "tanh", lr: float = 0.3,
                      batch_size=None, epochs: int = 1000, seed: int = 0, grid: int = 48) -> dict:
    """What the page trains on (static/lab.js): each data set's points (:func:`float64_text`, row by row) and
    labels as :func:`load` makes them, bpnet's initial parameters for every width of :data:`WIDTHS`
    (:func:`make_network` with ``seed``), the controls' choices and the starting setting (``dataset``, or the first
    of ``names`` if it is not among them).
    The page trains with engine.js; ``epochs`` is where training pauses by itself, ``grid`` the side of the grid
    on which the page computes the decision boundary, ``ticks`` the learning rates labeled under the η scale."""
    names = [check_choice(name, DATASETS, "dataset") for name in names]
    hidden = check_int(hidden, "the hidden width", WIDTHS[0], WIDTHS[-1])
    check_choice(activation, ACTIVATIONS, "activation")
    if batch_size not in BATCHES.values():
        raise ValueError(f"batch_size must be one of {list(BATCHES.values())}; received {batch_size!r}")
    (lo, hi), lr = LR_RANGE, check_lr(lr)
    if not lo <= lr <= hi:
        raise ValueError(f"the learning rate η must lie in [{lo:g}, {hi:g}]; received {lr!r}")
    docsets = []
    for name in names:
        X, Y = load(name)
        docsets.append({"name": name, "X": float64_text(X), "labels": [int(c > 0.5) for c in Y[:, 0]],
                        "extent": list(extent_of(X))})
    nets = [make_network(w, activation, seed=seed) for w in WIDTHS]  # the output layer does not change them
    ticks = [float(t) for t in ticks if lo <= t <= hi]
    settings = {"dataset": names.index(dataset) if dataset in names else 0, "hidden": hidden,
                "activation": activation, "output": 0, "lr": lr, "batch": batch_size}
    return {"kind": "explorer", "datasets": docsets,
            "init": [_params(n) for n in nets],
            "options": {"dataset": names, "hidden": list(WIDTHS), "activation": list(ACTIVATIONS),
                        "batch": [[label, m] for label, m in BATCHES.items()],
                        "output": [[label, {"output_activation": a, "loss": loss}]
                                   for label, (a, loss) in OUTPUTS.items()]},
            "settings": settings, "controls": {"lr": {**lr_scale(lr, lo, hi), "ticks": ticks}},
            "epochs": check_int(epochs, "epochs"), "grid": check_int(grid, "grid", 2, 200)}


def static_explorer(names: Sequence[str] = tuple(DATASETS), lrs: Sequence[float] = LR_TICKS, *,
                    dataset: str = "moons", hidden: int = 8, activation: str = "tanh", lr: float = 0.3,
                    batch_size=None, epochs: int = 1000, seed: int = 0, grid: int = 48) -> StaticWidget:
    """The explorer for the book: it trains in the page, for any data set, width, activation, η and batch size
    (:func:`explorer_document`); ``lrs`` are the learning rates labeled under the η scale."""
    return embed("explorer", explorer_document(names, lrs, dataset=dataset, hidden=hidden, activation=activation,
                                               lr=lr, batch_size=batch_size, epochs=epochs, seed=seed, grid=grid))
