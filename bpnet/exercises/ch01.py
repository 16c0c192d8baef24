"""Checkers for the exercises of Chapter 1 (Introduction)."""
from __future__ import annotations

import sympy as sp

from ._core import CheckResult
from .ch09 import check_sigmoid_prime
from .spec import NumericAnswer, Symbolic, SymbolicAnswer

__all__ = ["check_sigmoid_derivative", "check_sigmoid_prime_code", "check_weight_shape"]

#: The exercise that asked for sigma'(z) in code moved to Chapter 9 (ex-ch09-2), where the floating-point trap it
#: tests is explained; this name, which readers' notebooks and outside tests may call, is the same checker.
check_sigmoid_prime_code = check_sigmoid_prime

_z = sp.Symbol("z", real=True)

SIGMOID_DERIVATIVE = SymbolicAnswer(
    "ex-intro-1", "sigma'(z)",
    hint="differentiate 1/(1 + exp(-z)) with sympy.diff; the result equals sigma(z) (1 - sigma(z)), not sigma(z) or "
         "1 - sigma(z).",
    build=lambda: Symbolic(sp.diff(1 / (1 + sp.exp(-_z)), _z), {"z": (_z, "the input z")}))

WEIGHT_SHAPE = NumericAnswer(
    "ex-intro-3", "the shape (rows, columns) of W^(2)", expected=lambda: [2, 4],
    hint="w^{(l)}_{jk} is the weight TO unit j of layer l FROM unit k of layer l-1, so W^{(l)} has one row per unit "
         "of layer l and one column per unit of layer l-1.")

ANSWERS = (SIGMOID_DERIVATIVE, WEIGHT_SHAPE)  #: this chapter's exercises that the book's page can check


def check_sigmoid_derivative(expr) -> CheckResult:
    """Exercise ex-intro-1: sigma'(z) as a SymPy expression in the symbol ``z``.

    Right: any expression equal to d/dz 1/(1 + e^{-z}) = sigma(z)(1 - sigma(z)) (Chapter 1).
    """
    return SIGMOID_DERIVATIVE.check(expr)


def check_weight_shape(shape) -> CheckResult:
    """Exercise ex-intro-3: the shape of W^{(2)} (``net.W(2)``, the same array as ``net.weights[1]``) in
    ``Network([3, 4, 2])``.

    W^{(l)} has shape (sizes[l], sizes[l-1]): one row per receiving unit j, one column per sending unit k.
    """
    return WEIGHT_SHAPE.check(shape)
