"""Checkers for the exercises of Chapter 11 (a tiny reverse-mode autodiff: new ops, accumulation)."""
from __future__ import annotations

import math
from collections.abc import Callable

import sympy as sp

from ..autodiff import Value
from ._core import CheckResult, check_function
from .spec import NumericAnswer, Symbolic, SymbolicAnswer

__all__ = ["check_tanh_op", "check_accumulated_grad", "check_softplus_derivative"]


def check_tanh_op(fn: Callable) -> CheckResult:
    """Exercise ex-hist-1: ``fn(v)`` returns a new Value tanh(v) whose ``_backward`` adds tanh'(v) * grad."""
    if not callable(fn):
        return CheckResult(False, f"tanh_op should be a function; received {type(fn).__name__}.")

    def run(x: float) -> list[float]:
        v = Value(x)
        out = fn(v)
        if not isinstance(out, Value):
            raise ValueError(f"tanh_op must return a Value; it returned {type(out).__name__}")
        (out * 3.0).backward()  # an upstream gradient of 3, so the chain-rule factor out.grad matters
        return [out.data, v.grad]

    return check_function(
        run, lambda x: [math.tanh(x), 3.0 * (1.0 - math.tanh(x) ** 2)], [(-1.5,), (0.0,), (0.3,), (2.0,)],
        what="[tanh(v).data, v.grad]",
        hint="forward: math.tanh(v.data); backward: v.grad += (1 - t**2) * out.grad with t = out.data "
             "(use += and multiply by out.grad, the gradient arriving from above).",
    )


def accumulated_grad_answer() -> float:
    """x.grad in exercise ex-hist-2: x = 2, then twice {f = x*x*x + x; f.backward()}, no zeroing in between."""
    x = 2.0
    return 2 * (3 * x ** 2 + 1)


_s = sp.Symbol("s", real=True)
ACCUMULATED_GRAD = NumericAnswer(
    "ex-hist-2", "x.grad after two backward passes", expected=accumulated_grad_answer,
    hint="df/dx = 3x^2 + 1 sums the four paths from x to f (three through x*x*x, one direct); the second backward() "
         "adds it again with +=, because nothing reset x.grad to 0 in between.")
SOFTPLUS_DERIVATIVE = SymbolicAnswer(
    "ex-hist-3", "d softplus(s)/ds", build=lambda: Symbolic(sp.diff(sp.log(1 + sp.exp(_s)), _s), {"s": (_s, "s")}),
    hint="differentiate ln(1 + e^s) with the chain rule: 1/(1 + e^s) times e^s, which is the sigmoid of s.")
ANSWERS = (ACCUMULATED_GRAD, SOFTPLUS_DERIVATIVE)  #: the exercises the book's page can check


def check_accumulated_grad(answer) -> CheckResult:
    """Exercise ex-hist-2: x.grad after two forward+backward passes (a fresh graph each time) without zero_grad."""
    return ACCUMULATED_GRAD.check(answer)


def check_softplus_derivative(expr) -> CheckResult:
    """Exercise ex-hist-3: the local derivative of softplus(s) = ln(1 + e^s), in the symbol s."""
    return SOFTPLUS_DERIVATIVE.check(expr)
