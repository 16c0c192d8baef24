"""The live (JupyterLab) plot widgets, :class:`Explorer` and :class:`Surface`: ipywidgets controls above a
matplotlib image that Python redraws (:mod:`bpnet.widgets.plots`), drawn at :data:`HIDPI` times the size it
takes on screen so that it stays sharp on a high-dpi screen, under the caption that tells it from the book's
in-page copy (:data:`bpnet.widgets.embed.LIVE_BADGE`). Their documents for the book are
:func:`bpnet.widgets.explorer.static_explorer` and :func:`bpnet.widgets.surface.static_surface`; these classes
reuse those modules' training, descent and regime functions, so the live and the static figure agree."""
from __future__ import annotations

import ipywidgets as W

from ..errors import check_int
from .common import as_message, check_lr, lr_grid
from .embed import LIVE_BADGE, badge
from .explorer import ACTIVATIONS, BATCHES, DATASETS, load, make_network, train
from .format import fmt, fmt_lr
from .plots import EXPLORER_SIZE, boundary_grid, explorer_figure, extent_of, surface_figure
from .surface import descend, regime, surface_grid, surface_problem, weight_names

__all__ = ["lr_slider", "Explorer", "Surface", "HIDPI"]

DPI = 80  #: matplotlib dots per inch of one CSS pixel's worth of figure
HIDPI = 2  #: the live figures' pixels per CSS pixel: sharp on screens up to 2 device pixels per CSS pixel


def live_badge():
    """The caption above a live plot widget (the same words and look as the diagram widgets')."""
    return W.HTML(badge(LIVE_BADGE, "live"))


def sharp_image(size_inches: tuple[float, float]):
    """An image widget shown at ``size_inches`` x :data:`DPI` CSS pixels, for a PNG drawn at HIDPI x DPI."""
    return W.Image(format="png", width=str(round(size_inches[0] * DPI)), height=str(round(size_inches[1] * DPI)))


def lr_slider(lr: float, lo: float = 1e-3, hi: float = 100.0, description: str = "η"):
    """An ipywidgets ``SelectionSlider`` over :func:`lr_grid`: log-spaced notches labeled with their values, whose
    value is exactly ``lr`` when it loads. (A ``FloatLogSlider`` snaps its value to its own grid as it loads:
    0.5 became 0.501, 0.4 became 0.398.)"""
    lr = check_lr(lr)
    return W.SelectionSlider(options=[(fmt_lr(v), v) for v in lr_grid(lr, lo, hi)], value=lr,
                             description=description, continuous_update=True)


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
        self.image, self.note = sharp_image(EXPLORER_SIZE), W.HTML()
        for b, f in ((self.train_button, self.train), (self.step_button, self.step), (self.reset_button, self.reset)):
            b.on_click(lambda _b, f=f: f())
        for c in (self.dataset, self.hidden, self.activation, self.lr, self.batch):
            c.observe(lambda _c: self.reset(), names="value")
        super().__init__([live_badge(), W.HBox([self.dataset, self.activation, self.batch]),
                          W.HBox([self.hidden, self.lr]),
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
            result, message = as_message(lambda n=n: train(self.net, self.X, self.Y, epochs=n, lr=self.lr.value,
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
                                           f"{len(self.costs) - 1} epochs, cost {fmt(self.costs[-1], 4)}",
                                           dpi=HIDPI * DPI)

    def state(self) -> dict:
        return {"dataset": self.dataset.value, "epochs": len(self.costs) - 1, "cost": self.costs[-1],
                "message": self.message, "image_bytes": len(self.image.value)}

    def __repr__(self) -> str:
        return f"Explorer(dataset={self.dataset.value!r}, hidden={self.hidden.value}, lr={self.lr.value:g})"


SURFACE_SIZE = (5.0, 4.2)  #: the live cost surface in inches (400 x 336 CSS pixels)


class Surface(W.VBox):
    """The live cost surface: a log-scale η slider and a step count; the path is redrawn with matplotlib."""

    def __init__(self, lr: float = 0.4, steps: int = 30, *, problem=None, n: int = 60):
        self.problem = problem or surface_problem()
        self.grid = surface_grid(self.problem, n, default=problem is None)
        self.names = weight_names(self.problem[0], self.problem[3])
        self.lr = lr_slider(lr if isinstance(lr, (int, float)) and not isinstance(lr, bool) and lr > 0 else 0.4,
                            hi=10.0)
        self.steps = W.IntSlider(value=30, min=1, max=200, description="steps")
        self.image, self.note = sharp_image(SURFACE_SIZE), W.HTML()
        super().__init__([live_badge(), W.HBox([self.lr, self.steps]), self.note, self.image])
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
            return descend(net, X, Y, free, start, lr, check_int(steps, "steps", 1, 1000), extent)

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
        self.image.value = surface_figure(self.grid, extent, self.names, pts, title, SURFACE_SIZE, HIDPI * DPI)[0]

    def __repr__(self) -> str:
        return f"Surface(lr={self.lr.value:g}, steps={self.steps.value})"
