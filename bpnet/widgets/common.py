"""What the widgets share: learning-rate grids, the documents' learning-rate control and turning bad input into a
message. No widget library is needed here; the live widgets' slider is :func:`bpnet.widgets.live_plots.lr_slider`."""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from ..errors import DivergenceError, check_positive
from .format import fmt_lr

__all__ = ["LIVE_LRS", "BOOK_LRS", "MAX_UNITS", "lr_control", "nearest", "check_lr", "check_drawable", "as_message",
           "worked_example_copy", "lr_grid", "lr_scale", "LR_TICKS"]

#: the learning rates a live slider moves through: 1, 2, 3, 5, 7 in each decade from 0.001 to 100 (log scale)
LIVE_LRS: tuple[float, ...] = tuple(float(f"{m}e{e}") for e in range(-3, 2) for m in (1, 2, 3, 5, 7)) + (100.0,)
#: the learning rates precomputed for the book's static outputs
BOOK_LRS: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0)


def lr_grid(lr: float | None = None, lo: float = 1e-3, hi: float = 100.0) -> tuple[float, ...]:
    """A log-scale grid of learning rates from ``lo`` to ``hi`` (1, 1.5, 2, 3, 4, 5, 7 in each decade) that holds
    ``lr`` exactly: a live control starts at the book's value and keeps it until the reader moves it."""
    grid = {float(f"{m}e{e}") for e in range(-6, 4) for m in (1, 1.5, 2, 3, 4, 5, 7)}
    grid = {v for v in grid if lo <= v <= hi}
    if lr is not None:
        grid.add(check_lr(lr))
    return tuple(sorted(grid))


#: the labeled ticks of a log-scale learning-rate control, one per decade
LR_TICKS: tuple[float, ...] = (0.001, 0.01, 0.1, 1.0, 10.0, 100.0)


def lr_scale(lr: float, lo: float = 1e-3, hi: float = 100.0) -> dict:
    """The ``controls.lr`` part of a document whose page computes any η (static/lab.js): a continuous log-scale
    slider from ``lo`` to ``hi`` that starts at exactly ``lr``, labeled ticks, and arrow keys that move through
    :func:`lr_grid` (36 values from 0.001 to 100, plus ``lr``)."""
    lr = check_lr(lr)
    return {"log": True, "value": lr, "min": float(lo), "max": float(hi),
            "ticks": [t for t in LR_TICKS if lo <= t <= hi], "grid": list(lr_grid(lr, lo, hi))}


def nearest(values: Sequence[float], v: float) -> int:
    """Index of the grid value nearest to v on a log scale."""
    return int(np.argmin([abs(math.log(x) - math.log(v)) for x in values]))


def lr_control(values: Sequence[float], current: float | None = None, index: int | None = None) -> dict:
    """The ``controls.lr`` part of a document: values, their labels and the selected index."""
    values = [float(v) for v in values]
    i = index if index is not None else nearest(values, current) if current else 0
    return {"values": values, "labels": [fmt_lr(v) for v in values], "index": int(i)}


def check_lr(lr) -> float:
    """A learning rate as a float, or ValueError saying what is expected."""
    return check_positive(lr, "the learning rate η")


MAX_UNITS = 10  #: widest layer the network diagram draws legibly


def check_drawable(net) -> None:
    """ValueError unless every layer of ``net`` fits in the diagram."""
    if max(net.sizes) > MAX_UNITS:
        raise ValueError(f"the diagram draws at most {MAX_UNITS} units per layer; received sizes {list(net.sizes)}: "
                         "use a smaller network for the stepper and the weights widget")


def as_message(fn: Callable[[], object]) -> tuple[object | None, str]:
    """Run fn; return (result, "") or (None, message) for the errors a reader can cause with the controls."""
    try:
        return fn(), ""
    except DivergenceError as exc:
        return None, str(exc)
    except (ValueError, FloatingPointError, OverflowError) as exc:
        return None, f"Not applied: {exc}"


def worked_example_copy():
    """The worked example of Chapter 4 (a fresh network each call)."""
    from ..examples import worked_example

    return worked_example()
