"""Checkers for the exercises of Chapter 9 (debugging backprop)."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..activations import sigmoid_prime
from ._core import CheckResult, check_array, check_function

__all__ = ["check_central_difference", "check_sigmoid_prime", "check_fixed_backward", "SIGMOID_PRIME_RTOL",
           "SIGMOID_PRIME_CASES"]

#: The relative tolerance of :func:`check_sigmoid_prime` (no absolute slack), and the inputs it tries: moderate z;
#: the saturated z = 37 and 40, where a(1 - a) from a rounded a = 1.0 gives exactly 0, and z = 30, where it has
#: already lost digits; and z = +-700, where a formula in e^{-z} overflows on squaring (1 + e^{700})^2.
SIGMOID_PRIME_RTOL = 1e-8
SIGMOID_PRIME_CASES = (np.linspace(-5.0, 5.0, 11), np.array([-40.0, -37.0, 30.0, 37.0, 40.0]),
                       np.array([-700.0, 700.0]))


def _central(f: Callable, x: float, eps: float) -> float:
    return (f(x + eps) - f(x - eps)) / (2 * eps)


def check_central_difference(fn: Callable) -> CheckResult:
    """Exercise ex-ch09-1: ``fn(f, x, eps)`` returns the central difference (f(x+eps) - f(x-eps)) / (2 eps)."""
    cases = [(np.sin, 0.3, 1e-4), (np.exp, 1.0, 1e-3), (lambda t: t ** 3, 2.0, 0.5)]
    return check_function(fn, _central, cases, what="the central difference", rtol=1e-10,
                          hint="evaluate f at x + eps and at x - eps and divide the difference by 2 eps "
                               "(not by eps: that is the one-sided formula's denominator).")


def check_sigmoid_prime(fn: Callable) -> CheckResult:
    """Exercise ex-ch09-2: ``fn(z)`` returns sigma'(z) for an array z, accurate even where the sigmoid saturates.

    Compared with :func:`bpnet.activations.sigmoid_prime` on :data:`SIGMOID_PRIME_CASES` to
    :data:`SIGMOID_PRIME_RTOL` relative and no absolute slack, so a(1 - a) from a rounded a = sigma(40) = 1.0
    (which gives exactly 0) is caught (see Common mistakes: rounded a), and so is an overflow at z = -700.
    """
    cases = [(z.copy(),) for z in SIGMOID_PRIME_CASES]
    return check_function(fn, sigmoid_prime, cases, what="your sigma'(z)", rtol=SIGMOID_PRIME_RTOL, atol=0.0,
                          hint="a (1 - a) with a = sigma(z) is exactly 0 once a rounds to 1.0 (from z = 37 on), "
                               "where the true value is about e^{-z}; and e^{-z} / (1 + e^{-z})^2 overflows at "
                               "z = -700. Compute sigma'(z) from z as sigma'(-z) = e^{-|z|} / (1 + e^{-|z|})^2, "
                               "whose exponential is at most 1 and which subtracts nothing from 1.")


def check_fixed_backward(fn: Callable) -> CheckResult:
    """Exercise ex-ch09-3: ``fn(net, X, Y) -> Gradients`` is a correct backward pass.

    Compared with :func:`bpnet.bugs.reference_backward` on square and non-square networks, with squared
    error and cross-entropy, calling ``fn`` twice on each (so a buffer that is never zeroed shows)."""
    from ..bugs import make_case, reference_backward

    if not callable(fn):
        return CheckResult(False, f"the backward pass should be a function; received {type(fn).__name__}.")
    hint = ("run bpnet.bugs.gradient_check(your_function, net, X, Y) on each case to find which gradients "
            "are off; compare your code line by line with the four equations of backpropagation in Chapter 5 "
            "(the output error, the hidden error, dC/db and dC/dW), each averaged over the batch.")
    for kind in ("square", "non-square", "square-ce"):
        net, X, Y = make_case(kind, seed=5)
        want = reference_backward(net, X, Y).flat()
        for call in ("first", "second"):
            try:
                got = fn(net, X, Y).flat()
            except Exception as exc:  # the reader's code: report, do not raise
                return CheckResult(False, f"on the {kind} network it raised {type(exc).__name__}: {exc}. "
                                          f"Hint: {hint}")
            result = check_array(got, want, what=f"the {call} call's gradients on the {kind} network", hint=hint)
            if not result:
                return result
    return CheckResult(True, "the backward pass matches the reference on all three networks, on repeated calls.")
