"""Checkers for the exercises of Chapter 8 (activations and costs)."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

from ..activations import get_activation
from ..losses import get_loss
from ._core import CheckResult, check_function
from .spec import Symbolic, SymbolicAnswer

__all__ = ["check_tanh_prime", "check_ce_delta", "check_tanh_mse_delta", "check_output_delta"]

z, a, y = sp.symbols("z a y", real=True)


_AY = {"a": (a, "a, the output"), "y": (y, "the target y")}
TANH_PRIME = SymbolicAnswer(
    "ex-ch08-1", "tanh'(z)", build=lambda: Symbolic(1 - sp.tanh(z) ** 2, {"z": (z, "the input z")}),
    hint="differentiate sympy.tanh(z) (or (e^z - e^-z)/(e^z + e^-z)) with sympy.diff; the result is 1 - tanh(z)^2, "
         "at most 1 at z = 0.")
CE_DELTA = SymbolicAnswer(
    "ex-ch08-2", "delta for sigmoid + cross-entropy", build=lambda: Symbolic(a - y, _AY),
    hint="multiply dC/da = -(y/a - (1-y)/(1-a)) by da/dz = a(1-a) and simplify: sigma' cancels, so no a(1-a) factor "
         "should remain.")
TANH_MSE_DELTA = SymbolicAnswer(
    "ex-ch08-3", "delta for tanh + squared error", build=lambda: Symbolic((a - y) * (1 - a ** 2), _AY),
    hint="dC/da = a - y; with the squared error nothing cancels, so multiply by tanh'(z) written through a = tanh(z), "
         "i.e. 1 - a^2.")
ANSWERS = (TANH_PRIME, CE_DELTA, TANH_MSE_DELTA)  #: the exercises the book's page can check


def check_tanh_prime(expr) -> CheckResult:
    """Exercise ex-ch08-1: tanh'(z) as a SymPy expression in ``z`` (any equivalent form)."""
    return TANH_PRIME.check(expr)


def check_ce_delta(expr) -> CheckResult:
    """Exercise ex-ch08-2: delta^{(L)} for one sigmoid output with cross-entropy, in ``a`` and ``y``."""
    return CE_DELTA.check(expr)


def check_tanh_mse_delta(expr) -> CheckResult:
    """Exercise ex-ch08-3: delta^{(L)} for a tanh output with C_x = (a - y)^2 / 2, in ``a`` and ``y``."""
    return TANH_MSE_DELTA.check(expr)


def _reference_delta(loss: str, output: str) -> Callable:
    act, cost = get_activation(output), get_loss(loss, output)
    return lambda z_, a_, y_: cost.output_delta(z_, a_, y_, act)


def check_output_delta(fn: Callable, loss: str = "mse", output: str = "sigmoid") -> CheckResult:
    """Exercise ex-ch08-4: the reader's ``fn(z, a, y) -> delta`` for the output layer of a network with
    this cost and output activation, compared with bpnet on random batches (m examples, one row each).
    See Common mistakes: sigma' missing, or added where it cancels."""
    get_loss(loss, output)  # raises ValueError for a combination bpnet does not allow
    rng = np.random.default_rng(0)
    act = get_activation(output)
    cases = []
    for m, units in ((1, 1), (4, 3), (6, 2)):  # batch size m, output units
        Z = rng.normal(scale=3.0, size=(m, units))
        Y = rng.dirichlet(np.ones(units), size=m) if output == "softmax" else rng.uniform(size=(m, units))
        cases.append((Z, act(Z), Y))
    hint = ("with the squared error, delta = (a - y) * phi'(z), phi' the output activation's derivative "
            "(sigma'(z) for a sigmoid); with sigmoid or softmax + cross-entropy it cancels and delta = a - y. "
            "Check which case you are in: is the derivative missing, or added where it cancels? "
            "(see Common mistakes: sigma' missing or added)")
    return check_function(fn, _reference_delta(loss, output), cases,
                          what=f"the output delta for {output} + {loss}", hint=hint)
