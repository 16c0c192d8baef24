"""Checkers for the exercises of Chapter 6 (why backpropagation is fast).

Each takes the reader's SymPy expression in the layer widths and compares it symbolically with the count the
chapter derives (:mod:`bpnet.complexity` computes the same counts for numbers). P is the number of parameters (weights
and biases); phi' is the derivative of the network's elementwise activation.
"""
from __future__ import annotations

import sympy as sp

from ._core import CheckResult, check_expression, same_expression

__all__ = ["check_fd_passes", "check_backprop_multiplications", "check_naive_first_layer"]

n0, n1, n2 = sp.symbols("n_0 n_1 n_2", positive=True, integer=True)
n, L = sp.symbols("n L", positive=True, integer=True)


def check_fd_passes(expr) -> CheckResult:
    """Exercise ex-why-fast-1: forward passes of a central-difference gradient for widths n_0, n_1, n_2."""
    P = n1 * (n0 + 1) + n2 * (n1 + 1)  # the number of parameters
    expected = 2 * P + 1
    if same_expression(expr, 2 * (n1 * n0 + n2 * n1) + 1):
        hint = "the biases are parameters too: each of the n_1 + n_2 biases needs its own two passes."
    elif same_expression(expr, 2 * P):
        hint = "count the unperturbed forward pass that gives C itself (the '+ 1')."
    elif same_expression(expr, P + 1) or same_expression(expr, P):
        hint = "central differences evaluate C at p + eps AND at p - eps: two passes per parameter."
    else:
        hint = "count the parameters P (weights and biases), then two cost evaluations per parameter, plus one."
    return check_expression(expr, expected, what="The number of forward passes", hint=hint)


def check_backprop_multiplications(expr) -> CheckResult:
    """Exercise ex-why-fast-2: multiplications of one backward pass (one example) for widths n_0, n_1, n_2."""
    expected = n2 + (n2 * n1 + n1) + (n1 * n0 + n2 * n1)
    if same_expression(expr, expected - n1 - n2):
        hint = ("each delta also multiplies by phi'(z), the activation's derivative: n_2 multiplications at the "
                "output and n_1 in the hidden layer.")
    elif same_expression(expr, expected - n2 * n1):
        hint = ("the hidden delta needs W^(2)T delta^(2) (n_2 n_1 products) and the output-layer gradients "
                "delta^(2) a^(1)T need another n_2 n_1: both are there.")
    else:
        hint = ("add up delta^(2) = (a - y) * phi'(z^(2)), delta^(1) = (W^(2)T delta^(2)) * phi'(z^(1)), and "
                "the products delta^(l)_j a^(l-1)_k for every weight.")
    return check_expression(expr, expected, what="The number of multiplications", hint=hint)


def check_naive_first_layer(expr) -> CheckResult:
    """Exercise ex-why-fast-3: naive multiplications for ONE first-layer weight, L weight layers all of width n."""
    expected = 2 * (L - 1) * n ** (L - 1) + 2
    if same_expression(expr, (L - 1) * n ** (L - 1) + 2) or same_expression(expr, 2 * L * n ** L + 2):
        hint = ("a path from layer 1 to layer L crosses L - 1 edges, each contributing a weight and a phi': "
                "2(L - 1) multiplications per path.")
    elif same_expression(expr, 2 * (L - 1) * n ** (L - 1)):
        hint = "after the sum over paths, multiply by phi'(z^(1)_j) and by a^(0)_k: two more."
    else:
        hint = "count the paths from unit j of layer 1 to the output layer (one choice of unit per later layer)."
    return check_expression(expr, expected, what="The naive multiplication count", hint=hint)
