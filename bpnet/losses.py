"""Per-example costs C_x, each with dC_x/da beside it (Chapters 2 and 8).

The cost of a batch of m examples is the mean C = (1/m) sum_x C_x. Cross-entropy is computed from z with
softplus / log-sum-exp, so it never takes log(0) even when sigma(z) rounds to 0 or 1.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .activations import Activation
from .errors import check_choice

__all__ = ["Loss", "LOSSES", "get_loss", "softplus"]


def softplus(z: np.ndarray) -> np.ndarray:
    """ln(1 + e^z), computed without overflow: max(z, 0) + ln(1 + e^{-|z|})."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _logsumexp(z: np.ndarray) -> np.ndarray:
    m = np.max(z, axis=-1, keepdims=True)
    return (m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True)))[..., 0]


def _mse_cost(z, a, y, act: Activation) -> np.ndarray:
    """C_x = 1/2 sum_j (a_j - y_j)^2, Eq. (2.3). The 1/2 makes dC_x/da_j = a_j - y_j."""
    return 0.5 * np.sum((a - y) ** 2, axis=-1)


def _mse_dC_da(a, y) -> np.ndarray:
    return a - y


def _mse_delta(z, a, y, act: Activation) -> np.ndarray:
    """delta^L = dC/da (.) phi'(z^L) = (a - y) (.) phi'(z^L), Eq. (5.6)."""
    return act.backprop(z, a, a - y)


def _ce_cost(z, a, y, act: Activation) -> np.ndarray:
    """Sigmoid: C_x = -sum_j [y_j ln a_j + (1-y_j) ln(1-a_j)] = sum_j [softplus(z_j) - y_j z_j].
    Softmax: C_x = -sum_j y_j ln a_j = sum_j y_j (logsumexp(z) - z_j)."""
    if act.name == "sigmoid":
        return np.sum(softplus(z) - y * z, axis=-1)
    return np.sum(y, axis=-1) * _logsumexp(z) - np.sum(y * z, axis=-1)


def _ce_dC_da(a, y) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return (a - y) / (a * (1.0 - a))


def _ce_delta(z, a, y, act: Activation) -> np.ndarray:
    """The output error when sigma' cancels (Chapter 8, Eq. 8.8).

    Sigmoid: dC/da_j = (a_j - y_j) / (a_j (1 - a_j)) and sigma'(z_j) = a_j (1 - a_j), so
    delta_j = a_j - y_j: the factor that saturates cancels, and learning does not slow down.
    Softmax: delta_j = a_j sum_k y_k - y_j, which is a_j - y_j when the targets sum to 1.
    Using the product instead of the simplification would divide 0 by 0 once a rounds to 0 or 1.
    """
    if act.name == "sigmoid":
        return a - y
    return a * np.sum(y, axis=-1, keepdims=True) - y


@dataclass(frozen=True)
class Loss:
    """A per-example cost C_x: its value, dC_x/da, and the output error delta^L it gives."""

    name: str
    cost: Callable[..., np.ndarray]  # (z, a, y, output_activation) -> (n,)
    dC_da: Callable[[np.ndarray, np.ndarray], np.ndarray]
    output_delta: Callable[..., np.ndarray]  # (z, a, y, output_activation) -> (n, m)
    outputs: tuple[str, ...] | None = None  # output activations it accepts; None: any


LOSSES: dict[str, Loss] = {
    "mse": Loss("mse", _mse_cost, _mse_dC_da, _mse_delta),
    "cross_entropy": Loss("cross_entropy", _ce_cost, _ce_dC_da, _ce_delta, outputs=("sigmoid", "softmax")),
}


def get_loss(name: str, output_activation: str) -> Loss:
    """Look up a cost by name and check that it fits the output activation."""
    check_choice(name, LOSSES, "loss")
    loss = LOSSES[name]
    if loss.outputs is not None and output_activation not in loss.outputs:
        raise ValueError(
            f"loss {name!r} needs an output activation in {list(loss.outputs)}; "
            f"received output_activation={output_activation!r}"
        )
    return loss
