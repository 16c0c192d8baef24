"""Gradient checking with central differences (Chapter 9)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .errors import check_positive

if TYPE_CHECKING:
    from .network import Gradients, Network

__all__ = ["numerical_gradients", "relative_error"]


def numerical_gradients(net: "Network", X, Y, eps: float = 1e-6) -> "Gradients":
    """dC/dp ~ (C(p + eps) - C(p - eps)) / (2 eps) for every weight and bias p (Eq. 9.1).

    Costs 2 forward passes per parameter: 2W + 1 with the unperturbed one (Chapter 6). The network's
    parameters are restored exactly afterwards. ``deltas`` is left empty.
    """
    from .network import Gradients

    eps = check_positive(eps, "eps")
    trace = net.forward(X)
    X2 = trace.activations[0]
    Y2 = net._check_Y(Y, X2.shape[0])

    def cost() -> float:
        return net._cost(net._forward(X2), Y2)

    out = []
    for params in (net.weights, net.biases):
        grads = []
        for p in params:
            g = np.zeros_like(p)
            for i in np.ndindex(p.shape):
                old = p[i]
                p[i] = old + eps
                plus = cost()
                p[i] = old - eps
                minus = cost()
                p[i] = old
                g[i] = (plus - minus) / (2 * eps)
            grads.append(g)
        out.append(grads)
    return Gradients(out[0], out[1])


def relative_error(a, b, floor: float = 1e-12) -> float:
    """max |a - b| / max(|a|, |b|, floor): about 1e-7 or less means a correct gradient (Eq. 9.2)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"relative_error needs arrays of one shape; received {a.shape} and {b.shape}")
    return float(np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor), initial=0.0))
