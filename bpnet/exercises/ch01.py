"""Checkers for the exercises of Chapter 1 (Introduction)."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

from ..activations import sigmoid_prime
from ._core import CheckResult, check_expression, check_function

__all__ = ["check_sigmoid_derivative", "check_sigmoid_prime_code", "check_weight_shape", "SIGMOID_PRIME_RTOL",
           "SIGMOID_PRIME_CASES"]

_z = sp.Symbol("z", real=True)

#: The relative tolerance of :func:`check_sigmoid_prime_code` (no absolute slack), and the inputs it tries: the
#: saturated z = +-40, where a(1 - a) from a rounded a gives exactly 0, and z = +-700, where e^{-z} overflows.
SIGMOID_PRIME_RTOL = 1e-6
SIGMOID_PRIME_CASES = (np.array([-5.0, 0.0, 2.0]), np.array([20.0, 40.0, -40.0]), np.array([-700.0, 700.0]))


def check_sigmoid_derivative(expr) -> CheckResult:
    """Exercise ex-intro-1: sigma'(z) as a SymPy expression in the symbol ``z``.

    Right: any expression equal to d/dz 1/(1 + e^{-z}) = sigma(z)(1 - sigma(z)) (Chapter 1).
    """
    expected = sp.diff(1 / (1 + sp.exp(-_z)), _z)
    return check_expression(expr, expected, what="sigma'(z)",
                            hint="differentiate 1/(1 + exp(-z)) with sympy.diff; the result equals "
                                 "sigma(z) (1 - sigma(z)), not sigma(z) or 1 - sigma(z).")


def check_sigmoid_prime_code(fn: Callable) -> CheckResult:
    """Exercise ex-intro-2: a NumPy function ``fn(z)`` for sigma'(z), accurate even at z = 40.

    Compared with :func:`bpnet.activations.sigmoid_prime` on :data:`SIGMOID_PRIME_CASES` to
    :data:`SIGMOID_PRIME_RTOL` relative and no absolute slack, so a(1 - a) from a rounded a = sigma(40) = 1.0
    (which gives exactly 0) is caught (see Common mistakes: rounded a).
    """
    cases = [(z.copy(),) for z in SIGMOID_PRIME_CASES]
    return check_function(fn, sigmoid_prime, cases, what="your sigma'(z)", rtol=SIGMOID_PRIME_RTOL, atol=0.0,
                          hint="compute sigma'(z) from z, e.g. e^{-|z|} / (1 + e^{-|z|})^2; a(1 - a) with a "
                               "rounded to 1.0 gives exactly 0 at z = 40, where the true value is about 4e-18.")


def check_weight_shape(shape) -> CheckResult:
    """Exercise ex-intro-3: the shape of W^{(2)} (``net.W(2)``, the same array as ``net.weights[1]``) in
    ``Network([3, 4, 2])``.

    W^{(l)} has shape (sizes[l], sizes[l-1]): one row per receiving unit j, one column per sending unit k.
    """
    try:
        got = tuple(int(s) for s in shape)
    except (TypeError, ValueError):
        return CheckResult(False, f"the shape should be a tuple of two integers; received {shape!r}.")
    hint = ("w^{(l)}_{jk} is the weight TO unit j of layer l FROM unit k of layer l-1, so "
            "W^{(l)} has one row per unit of layer l and one column per unit of layer l-1.")
    if got == (2, 4):
        return CheckResult(True, "the shape of W^(2) is (2, 4): 2 receiving units, 4 sending units.")
    return CheckResult(False, f"the shape of W^(2) is not {got}. Hint: {hint}")
