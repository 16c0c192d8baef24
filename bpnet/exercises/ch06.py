"""Checkers for the exercises of Chapter 6 (why backpropagation is fast).

Each takes the reader's SymPy expression in the layer widths and compares it symbolically with the count the
chapter derives (:mod:`bpnet.complexity` computes the same counts for numbers). P is the number of parameters (weights
and biases); phi' is the derivative of the network's elementwise activation.
"""
from __future__ import annotations

import sympy as sp

from ._core import CheckResult
from .spec import Mistake, Symbolic, SymbolicAnswer

__all__ = ["check_fd_passes", "check_backprop_multiplications", "check_naive_first_layer"]

n0, n1, n2 = sp.symbols("n_0 n_1 n_2", positive=True, integer=True)
n, L = sp.symbols("n L", positive=True, integer=True)


_WIDTHS = {"n_0": (n0, "n₀, the input width"), "n_1": (n1, "n₁, the hidden width"),
           "n_2": (n2, "n₂, the output width")}


def _fd_passes() -> Symbolic:
    P = n1 * (n0 + 1) + n2 * (n1 + 1)  # the number of parameters
    two = "central differences evaluate C at p + eps AND at p - eps: two passes per parameter."
    return Symbolic(2 * P + 1, _WIDTHS, [
        Mistake(2 * (n1 * n0 + n2 * n1) + 1,
                "the biases are parameters too: each of the n_1 + n_2 biases needs its own two passes."),
        Mistake(2 * P, "count the unperturbed forward pass that gives C itself (the '+ 1')."),
        Mistake(P + 1, two), Mistake(P, two)])


def _backprop_multiplications() -> Symbolic:
    expected = n2 + (n2 * n1 + n1) + (n1 * n0 + n2 * n1)
    return Symbolic(expected, _WIDTHS, [
        Mistake(expected - n1 - n2, "each delta also multiplies by phi'(z), the activation's derivative: n_2 "
                "multiplications at the output and n_1 in the hidden layer."),
        Mistake(expected - n2 * n1, "the hidden delta needs W^(2)T delta^(2) (n_2 n_1 products) and the output-layer "
                "gradients delta^(2) a^(1)T need another n_2 n_1: both are there.")])


def _naive_first_layer() -> Symbolic:
    edges = ("a path from layer 1 to layer L crosses L - 1 edges, each contributing a weight and a phi': 2(L - 1) "
             "multiplications per path.")
    return Symbolic(2 * (L - 1) * n ** (L - 1) + 2, {"n": (n, "n, the width of every layer"),
                                                       "L": (L, "L, the number of weight layers")}, [
        Mistake((L - 1) * n ** (L - 1) + 2, edges), Mistake(2 * L * n ** L + 2, edges),
        Mistake(2 * (L - 1) * n ** (L - 1), "after the sum over paths, multiply by phi'(z^(1)_j) and by a^(0)_k: "
                "two more.")])


FD_PASSES = SymbolicAnswer(
    "ex-why-fast-1", "The number of forward passes", build=_fd_passes,
    hint="count the parameters P (weights and biases), then two cost evaluations per parameter, plus one.")
BACKPROP_MULTIPLICATIONS = SymbolicAnswer(
    "ex-why-fast-2", "The number of multiplications", build=_backprop_multiplications,
    hint="add up delta^(2) = (a - y) * phi'(z^(2)), delta^(1) = (W^(2)T delta^(2)) * phi'(z^(1)), and the products "
         "delta^(l)_j a^(l-1)_k for every weight.")
NAIVE_FIRST_LAYER = SymbolicAnswer(
    "ex-why-fast-3", "The naive multiplication count", build=_naive_first_layer,
    hint="count the paths from unit j of layer 1 to the output layer (one choice of unit per later layer).")
ANSWERS = (FD_PASSES, BACKPROP_MULTIPLICATIONS, NAIVE_FIRST_LAYER)  #: the exercises the book's page can check


def check_fd_passes(expr) -> CheckResult:
    """Exercise ex-why-fast-1: forward passes of a central-difference gradient for widths n_0, n_1, n_2."""
    return FD_PASSES.check(expr)


def check_backprop_multiplications(expr) -> CheckResult:
    """Exercise ex-why-fast-2: multiplications of one backward pass (one example) for widths n_0, n_1, n_2."""
    return BACKPROP_MULTIPLICATIONS.check(expr)


def check_naive_first_layer(expr) -> CheckResult:
    """Exercise ex-why-fast-3: naive multiplications for ONE first-layer weight, L weight layers all of width n."""
    return NAIVE_FIRST_LAYER.check(expr)
