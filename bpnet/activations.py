"""Activation functions phi(z), each with its derivative phi'(z) next to it (Chapter 8); sigma is the sigmoid.

Like micrograd's ``engine.py``, every function keeps its local derivative beside its forward
rule. Derivatives are computed from ``z``, never from a rounded ``a``: for the sigmoid at
z = 40, a(1 - a) rounds to exactly 0 while the true sigma'(40) is about 4.2e-18 (Chapter 9).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .errors import check_choice

__all__ = ["Activation", "ACTIVATIONS", "get_activation", "sigmoid", "sigmoid_prime"]


def sigmoid(z: np.ndarray) -> np.ndarray:
    """sigma(z) = 1 / (1 + e^{-z}), Eq. (2.2); no overflow for any finite z."""
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0, e) / (1.0 + e)  # 1 / (1 + e^{-z}) for z >= 0, e^{z} / (1 + e^{z}) below


def sigmoid_prime(z: np.ndarray) -> np.ndarray:
    """sigma'(z) = sigma(z) (1 - sigma(z)) = e^{-|z|} / (1 + e^{-|z|})^2, computed from z."""
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


def _tanh_prime(z: np.ndarray) -> np.ndarray:
    """tanh'(z) = 1 - tanh(z)^2 = 4 e^{-2|z|} / (1 + e^{-2|z|})^2, computed from z."""
    e = np.exp(-2.0 * np.abs(z))
    return 4.0 * e / (1.0 + e) ** 2


def _softmax(z: np.ndarray) -> np.ndarray:
    """softmax(z)_j = e^{z_j} / sum_k e^{z_k}, over the last axis; the row maximum is subtracted first."""
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


@dataclass(frozen=True)
class Activation:
    """An activation: its value phi(z) and, for elementwise ones, its derivative phi'(z).

    ``backprop(z, a, dC_da)`` turns dC/da into delta = dC/dz. For an elementwise activation it is
    dC/da (.) phi'(z) (Eq. 5.6); softmax couples the units of a layer, so it uses its Jacobian:
    delta_j = a_j (dC/da_j - sum_k a_k dC/da_k).
    """

    name: str
    value: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray], np.ndarray] | None  # None: not elementwise (softmax)
    hidden_ok: bool = True

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return self.value(z)

    def backprop(self, z: np.ndarray, a: np.ndarray, dC_da: np.ndarray) -> np.ndarray:
        if self.derivative is not None:
            return dC_da * self.derivative(z)
        return a * (dC_da - np.sum(a * dC_da, axis=-1, keepdims=True))


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime),
    "tanh": Activation("tanh", np.tanh, _tanh_prime),
    "relu": Activation("relu", lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(np.float64)),
    "identity": Activation("identity", lambda z: np.array(z, dtype=np.float64), np.ones_like),
    "softmax": Activation("softmax", _softmax, None, hidden_ok=False),
}


def get_activation(name: str, *, hidden: bool = False) -> Activation:
    """Look up an activation by name; softmax is allowed in the output layer only."""
    check_choice(name, ACTIVATIONS, "activation")
    act = ACTIVATIONS[name]
    if hidden and not act.hidden_ok:
        valid = [n for n, a in ACTIVATIONS.items() if a.hidden_ok]
        raise ValueError(
            f"activation {name!r} is allowed in the output layer only; for hidden layers expected one of: "
            + ", ".join(map(repr, valid))
        )
    return act
