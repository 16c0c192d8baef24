"""Initial weights (Chapter 7): small random numbers break the symmetry between hidden units.

Each initializer returns ``(weights, biases)`` for layer widths ``sizes`` and a NumPy Generator. ``scale``
multiplies every weight the scheme draws (``init_scale`` of :class:`bpnet.Network`; 1 is the scheme itself), and for
"normal" the biases too; "zeros" has nothing to scale and refuses any other value.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .errors import check_choice

__all__ = ["INITS", "initialize"]

Params = tuple[list[np.ndarray], list[np.ndarray]]


def _shapes(sizes):
    return [(n_out, n_in) for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def _xavier(sizes, rng, scale) -> Params:
    """Glorot & Bengio (2010): w ~ scale * U(-r, r), r = sqrt(6 / (n_in + n_out)); biases 0."""
    ws = [rng.uniform(-1, 1, (o, i)) * (scale * np.sqrt(6.0 / (i + o))) for o, i in _shapes(sizes)]
    return ws, [np.zeros(o) for o, _ in _shapes(sizes)]


def _he(sizes, rng, scale) -> Params:
    """He et al. (2015), for ReLU: w ~ scale * N(0, 2 / n_in); biases 0."""
    ws = [rng.standard_normal((o, i)) * (scale * np.sqrt(2.0 / i)) for o, i in _shapes(sizes)]
    return ws, [np.zeros(o) for o, _ in _shapes(sizes)]


def _normal(sizes, rng, scale) -> Params:
    """w, b ~ N(0, scale^2), as in Nielsen's network.py with scale = 1."""
    ws = [rng.standard_normal((o, i)) * scale for o, i in _shapes(sizes)]
    return ws, [rng.standard_normal(o) * scale for o, _ in _shapes(sizes)]


def _zeros(sizes, rng, scale) -> Params:
    """Every weight and bias 0: kept to show the symmetry problem (Chapter 7)."""
    if scale != 1.0:
        raise ValueError(f"init='zeros' has nothing to scale: init_scale must be 1; received {scale!r}")
    return [np.zeros(s) for s in _shapes(sizes)], [np.zeros(o) for o, _ in _shapes(sizes)]


INITS: dict[str, Callable[..., Params]] = {"xavier": _xavier, "he": _he, "normal": _normal, "zeros": _zeros}


def initialize(name: str, sizes, rng: np.random.Generator, scale: float = 1.0) -> Params:
    """Initial ``(weights, biases)`` by the named scheme."""
    check_choice(name, INITS, "init")
    return INITS[name](sizes, rng, scale)
