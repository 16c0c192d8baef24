"""Widget 3, the training explorer: data set, hidden width, activation, η and batch size; train, step, reset
(Chapters 7 and 10). A live cost curve and decision boundary are drawn with matplotlib; a run that diverges
shows :class:`bpnet.DivergenceError`'s message and the last finite state, never a NaN plot.
:func:`static_explorer` precomputes data sets x learning rates for the book.
"""
from __future__ import annotations

from typing import Sequence

import ipywidgets as W
import numpy as np

from .. import datasets
from ..errors import DivergenceError
from ..evaluate import accuracy
from ..network import Network
from ..trace import fmt, fmt_lr
from .common import as_message, check_lr, lr_control, lr_slider
from .plots import boundary_grid, data_uri, explorer_figure, extent_of, grid_png
from .static import StaticWidget, embed

__all__ = ["DATASETS", "make_network", "train", "static_explorer", "Explorer"]

DATASETS = {
    "xor": lambda: datasets.xor(),
    "moons": lambda: datasets.moons(200, 0.15, seed=0),
    "circles": lambda: datasets.circles(200, 0.08, seed=0),
    "spirals": lambda: datasets.spirals(200, noise=0.15, seed=0),
}
ACTIVATIONS = ("tanh", "relu", "sigmoid")
BATCHES = {"full batch": None, "1 (online)": 1, "8": 8, "32": 32}


def load(name: str):
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; expected one of: {', '.join(map(repr, DATASETS))}")
    return DATASETS[name]()


def make_network(hidden: int, activation: str = "tanh", *, seed: int = 0, output_activation: str = "sigmoid",
                 loss: str = "cross_entropy") -> Network:
    """A 2-hidden-1 classifier; ValueError for a width outside 1..256 or an unknown activation."""
    if isinstance(hidden, bool) or not isinstance(hidden, (int, np.integer)) or not 1 <= hidden <= 256:
        raise ValueError(f"the hidden width must be an integer from 1 to 256; received {hidden!r}")
    return Network([2, int(hidden), 1], activation=activation, output_activation=output_activation, loss=loss,
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
                    lrs: Sequence[float] = (0.03, 0.3, 3.0, 30.0), *, hidden: int = 8, activation: str = "tanh", epochs: int = 300, batch_size=None, seed: int = 0,
                    grid: int = 48) -> StaticWidget:
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


class Explorer(W.VBox):
    """The live training explorer (ipywidgets controls, matplotlib images). ``state()`` reports what it shows."""

    def __init__(self, dataset: str = "moons", hidden: int = 8, activation: str = "tanh", lr: float = 0.3,
                 batch_size=None, *, epochs_per_click: int = 100, seed: int = 0, output_activation: str = "sigmoid",
                 loss: str = "cross_entropy"):
        self._out = {"output_activation": output_activation, "loss": loss}
        self._seed, self.epochs_per_click = seed, epochs_per_click
        self.dataset = W.Dropdown(options=list(DATASETS), value=dataset if dataset in DATASETS else "moons",
                                  description="data set")
        self.hidden = W.IntSlider(value=hidden if isinstance(hidden, int) and 1 <= hidden <= 32 else 8, min=1, max=32,
                                  description="hidden units")
        self.activation = W.Dropdown(options=list(ACTIVATIONS), value=activation, description="activation")
        self.lr = lr_slider(lr if isinstance(lr, (int, float)) and lr > 0 else 0.3)
        self.batch = W.Dropdown(options=list(BATCHES), value=next((k for k, v in BATCHES.items() if v == batch_size),
                                                                  "full batch"), description="batch size")
        self.train_button, self.step_button, self.reset_button = (W.Button(description=d) for d in
                                                                  ("train", "step (1 epoch)", "reset"))
        self.image, self.note = W.Image(format="png"), W.HTML()
        for b, f in ((self.train_button, self.train), (self.step_button, self.step), (self.reset_button, self.reset)):
            b.on_click(lambda _b, f=f: f())
        for c in (self.dataset, self.hidden, self.activation, self.lr, self.batch):
            c.observe(lambda _c: self.reset(), names="value")
        super().__init__([W.HBox([self.dataset, self.activation, self.batch]), W.HBox([self.hidden, self.lr]),
                          W.HBox([self.train_button, self.step_button, self.reset_button]), self.note, self.image])
        self.message = ""
        self.reset()
        if dataset not in DATASETS:
            self._say(f"unknown data set {dataset!r}; showing 'moons'. Expected one of: {', '.join(DATASETS)}")

    def _say(self, message: str) -> None:
        self.message = message
        self.note.value = f"<div role='status' style='color:#a00'>{message}</div>" if message else ""

    def reset(self) -> None:
        """A fresh network for the current controls (bad settings give a message, the old plot stays)."""
        def build():
            X, Y = load(self.dataset.value)
            return X, Y, make_network(self.hidden.value, self.activation.value, seed=self._seed, **self._out)

        result, message = as_message(build)
        if result is None:
            return self._say(message)
        self.X, self.Y, self.net = result
        self.costs = [self.net.loss(self.X, self.Y)]
        self._say("")
        self._draw()

    def train(self, epochs: int | None = None) -> None:
        """Train for ``epochs`` (default: epochs_per_click), redrawing every 25 epochs."""
        left = epochs or self.epochs_per_click
        while left > 0 and not self.message:
            n = min(25, left)
            result, message = as_message(lambda: train(self.net, self.X, self.Y, epochs=n, lr=self.lr.value,
                                                       batch_size=BATCHES[self.batch.value], seed=len(self.costs),
                                                       costs=self.costs))
            message = message or result[1]
            left -= n
            self._say(f"{message} Press reset to start again." if message else "")
            self._draw()

    def step(self) -> None:
        """One epoch."""
        self.train(1)

    def _draw(self) -> None:
        extent = extent_of(self.X)
        self.image.value = explorer_figure(self.X, self.Y, extent, boundary_grid(self.net, extent, 64), self.costs,
                                           f"{self.dataset.value}: η = {fmt_lr(self.lr.value)}, "
                                           f"{len(self.costs) - 1} epochs, cost {fmt(self.costs[-1], 4)}")

    def state(self) -> dict:
        return {"dataset": self.dataset.value, "epochs": len(self.costs) - 1, "cost": self.costs[-1],
                "message": self.message, "image_bytes": len(self.image.value)}

    def __repr__(self) -> str:
        return f"Explorer(dataset={self.dataset.value!r}, hidden={self.hidden.value}, lr={self.lr.value:g})"
