"""Checkers for the exercises of Chapter 1 (Introduction)."""
from __future__ import annotations

import sympy as sp

from ._core import CheckResult, check_expression
from .ch09 import check_sigmoid_prime

__all__ = ["check_sigmoid_derivative", "check_sigmoid_prime_code", "check_weight_shape"]

#: The exercise that asked for sigma'(z) in code moved to Chapter 9 (ex-ch09-2), where the floating-point trap it
#: tests is explained; this name, which readers' notebooks and outside tests may call, is the same checker.
check_sigmoid_prime_code = check_sigmoid_prime

_z = sp.Symbol("z", real=True)


def check_sigmoid_derivative(expr) -> CheckResult:
    """Exercise ex-intro-1: sigma'(z) as a SymPy expression in the symbol ``z``.

    Right: any expression equal to d/dz 1/(1 + e^{-z}) = sigma(z)(1 - sigma(z)) (Chapter 1).
    """
    expected = sp.diff(1 / (1 + sp.exp(-_z)), _z)
    return check_expression(expr, expected, what="sigma'(z)",
                            hint="differentiate 1/(1 + exp(-z)) with sympy.diff; the result equals "
                                 "sigma(z) (1 - sigma(z)), not sigma(z) or 1 - sigma(z).")


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
