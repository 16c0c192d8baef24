"""Checkers for the exercises of Chapter 2 (The neuron)."""
from __future__ import annotations

import numpy as np
import sympy as sp

from ..network import Network
from ..symbolic import SymbolicNetwork
from ._core import CheckResult, check_array, check_expression

__all__ = ["check_neuron_gradient", "check_cross_entropy_delta", "check_one_step", "ONE_STEP"]

#: The neuron of exercise ex-neuron-3: weights, bias, input, target and learning rate eta.
ONE_STEP = {"w": [0.5, -0.3], "b": 0.1, "x": [1.0, 2.0], "y": 1.0, "eta": 0.5}


def check_neuron_gradient(expr) -> CheckResult:
    """Exercise ex-neuron-1: dC_x/dw^{(1)}_{12} for one sigmoid neuron with two inputs and
    C_x = 1/2 (a - y)^2 (Chapter 2, eq-ch02-cost), written in the symbols of ``SymbolicNetwork([2, 1])``.

    Right: (a - y) sigma'(z) x_2 with z = w^{(1)}_{11} x_1 + w^{(1)}_{12} x_2 + b^{(1)}_1 (Chapter 2).
    """
    sym = SymbolicNetwork([2, 1])
    return check_expression(expr, sym.gradient(sym.weights[0][0, 1]), what="dC/dw_12",
                            hint="apply the chain rule: dC/da = a - y (the 1/2 cancels the 2), "
                                 "da/dz = sigma'(z), and dz/dw_12 is the input that weight multiplies, x_2.")


def check_cross_entropy_delta(expr) -> CheckResult:
    """Exercise ex-neuron-2: dC_x/dz for a sigmoid neuron with cross-entropy
    C_x = -[y ln a + (1 - y) ln(1 - a)], a = sigma(z), in the symbols ``z`` and ``y``.

    Right: a - y = sigma(z) - y; sigma'(z) cancels (Chapter 2; Chapter 8, eq-ch08-ce-delta).
    """
    z, y = sp.symbols("z y", real=True)
    a = 1 / (1 + sp.exp(-z))
    return check_expression(expr, a - y, what="dC/dz", hint="differentiate the cost with respect to z "
                            "(sympy.diff), then simplify: the factor sigma'(z) = a(1 - a) cancels against the "
                            "denominator of dC/da = (a - y)/(a(1 - a)).")


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
    return check_array(params, one_step_answer(), what="[w_1, w_2, b] after one step",
                       hint="compute z = w.x + b, a = sigma(z), then dC/dw_k = (a - y) sigma'(z) x_k and "
                            "dC/db = (a - y) sigma'(z); subtract eta times each (minus: we go downhill).")
