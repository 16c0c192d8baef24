"""Checkers for the exercises of Chapter 2 (The neuron)."""
from __future__ import annotations

import numpy as np
import sympy as sp

from ..network import Network
from ..symbolic import SymbolicNetwork
from ._core import CheckResult
from .spec import NumericAnswer, Symbolic, SymbolicAnswer

__all__ = ["check_neuron_gradient", "check_cross_entropy_delta", "check_one_step", "ONE_STEP"]

#: The neuron of exercise ex-neuron-3: weights, bias, input, target and learning rate eta.
ONE_STEP = {"w": [0.5, -0.3], "b": 0.1, "x": [1.0, 2.0], "y": 1.0, "eta": 0.5}


def _neuron_gradient() -> Symbolic:
    sym = SymbolicNetwork([2, 1])
    (w11, w12), b1, (x1, x2), y = sym.weights[0][0, :], sym.biases[0][0], sym.inputs, sym.targets[0]
    z = w11 * x1 + w12 * x2 + b1
    names = {"a": (sym.a[1][0], "σ(z), the output"), "z": (z, "w₁₁x₁ + w₁₂x₂ + b"),
             "y": (y, "the target y"), "x_1": (x1, "input x₁"), "x_2": (x2, "input x₂"),
             "w_11": (w11, "weight w₁₁"), "w_12": (w12, "weight w₁₂"), "b_1": (b1, "bias b")}
    return Symbolic(sym.gradient(w12), names)


NEURON_GRADIENT = SymbolicAnswer(
    "ex-neuron-1", "dC/dw_12", build=_neuron_gradient,
    hint="apply the chain rule: dC/da = a - y (the 1/2 cancels the 2), da/dz = sigma'(z), and dz/dw_12 is the input "
         "that weight multiplies, x_2.")


def _cross_entropy_delta() -> Symbolic:
    z, y = sp.symbols("z y", real=True)
    a = 1 / (1 + sp.exp(-z))
    return Symbolic(a - y, {"z": (z, "the input z"), "y": (y, "the target y"), "a": (a, "σ(z)")})


CROSS_ENTROPY_DELTA = SymbolicAnswer(
    "ex-neuron-2", "dC/dz", build=_cross_entropy_delta,
    hint="differentiate the cost with respect to z (sympy.diff), then simplify: the factor sigma'(z) = a(1 - a) "
         "cancels against the denominator of dC/da = (a - y)/(a(1 - a)).")


def check_neuron_gradient(expr) -> CheckResult:
    """Exercise ex-neuron-1: dC_x/dw^{(1)}_{12} for one sigmoid neuron with two inputs and
    C_x = 1/2 (a - y)^2 (Chapter 2, eq-ch02-cost), written in the symbols of ``SymbolicNetwork([2, 1])``.

    Right: (a - y) sigma'(z) x_2 with z = w^{(1)}_{11} x_1 + w^{(1)}_{12} x_2 + b^{(1)}_1 (Chapter 2).
    """
    return NEURON_GRADIENT.check(expr)


def check_cross_entropy_delta(expr) -> CheckResult:
    """Exercise ex-neuron-2: dC_x/dz for a sigmoid neuron with cross-entropy
    C_x = -[y ln a + (1 - y) ln(1 - a)], a = sigma(z), in the symbols ``z`` and ``y``.

    Right: a - y = sigma(z) - y; sigma'(z) cancels (Chapter 2; Chapter 8, eq-ch08-ce-delta).
    """
    return CROSS_ENTROPY_DELTA.check(expr)


def one_step_answer() -> np.ndarray:
    """[w_1, w_2, b] after one gradient-descent step (eq-ch02-update) on ONE_STEP, computed by bpnet."""
    p = ONE_STEP
    net = Network([2, 1], init="zeros")
    net.W(1)[0] = p["w"]  # W^(1), one row for the one unit
    net.b(1)[0] = p["b"]
    net.step(net.gradients(np.array([p["x"]]), np.array([[p["y"]]])), lr=p["eta"])
    return np.r_[net.W(1).ravel(), net.b(1)]


def check_one_step(params) -> CheckResult:
    """Exercise ex-neuron-3: ``[w_1, w_2, b]`` after one step w <- w - eta dC/dw on ``ONE_STEP``
    (sigmoid neuron, C_x = 1/2 (a - y)^2)."""
    return ONE_STEP_ANSWER.check(params)


ONE_STEP_ANSWER = NumericAnswer(
    "ex-neuron-3", "[w_1, w_2, b] after one step", expected=one_step_answer,
    hint="compute z = w.x + b, a = sigma(z), then dC/dw_k = (a - y) sigma'(z) x_k and dC/db = (a - y) sigma'(z); "
         "subtract eta times each (minus: we go downhill).")

ANSWERS = (NEURON_GRADIENT, CROSS_ENTROPY_DELTA, ONE_STEP_ANSWER)  #: the exercises the book's page can check
