"""Checkers for the exercises of Chapter 7 (training)."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

from ..network import Network
from ._core import CheckResult, check_array
from .spec import Mistake, Symbolic, SymbolicAnswer

__all__ = ["check_lr_threshold", "check_minibatch_update", "check_xavier_limit"]

lam = sp.Symbol("lambda", positive=True)
n_in, n_out = sp.symbols("n_in n_out", positive=True)


def _lr_threshold() -> Symbolic:
    wrong_place = "a steeper bowl (larger lambda) needs a SMALLER learning rate: lambda belongs in the denominator."
    return Symbolic(2 / lam, {"lam": (lam, "λ, the curvature of the bowl")}, [
        Mistake(1 / lam, "at eta = 1/lambda one step lands exactly on the minimum; above it the steps overshoot and "
                "oscillate, but they still shrink while |1 - eta*lambda| < 1."),
        Mistake(lam / 2, wrong_place), Mistake(2 * lam, wrong_place)])


LR_THRESHOLD = SymbolicAnswer(
    "ex-training-1", "The largest stable learning rate", build=_lr_threshold,
    hint="one step multiplies w - w* by (1 - eta*lambda); solve |1 - eta*lambda| < 1 for eta.")


def check_lr_threshold(expr) -> CheckResult:
    """Exercise ex-training-1: the largest eta for which gradient descent on C(w) = lambda/2 (w - w*)^2 converges."""
    return LR_THRESHOLD.check(expr)


def _reference_update(net: Network, X, Y, eta: float) -> np.ndarray:
    return -eta * net.gradients(X, Y).dW(1)


def check_minibatch_update(fn: Callable) -> CheckResult:
    """Exercise ex-training-2: ``fn(net, X, Y, eta)`` returns Delta W^{(1)} for one step of Chapter 7's mini-batch
    update, Delta W^{(1)} = -(eta / m) sum_{x in batch} dC_x/dW^{(1)}."""
    what = "Your update Delta W^(1)"
    if not callable(fn):
        return CheckResult(False, f"{what} should be a function fn(net, X, Y, eta); received {type(fn).__name__}.")
    rng = np.random.default_rng(7)
    for m in (1, 5, 16):
        net = Network([3, 4, 2], seed=int(m))
        X, Y = rng.normal(size=(m, 3)), rng.uniform(size=(m, 2))
        try:
            got = np.asarray(fn(net.copy(), X, Y, 0.5), dtype=float)
        except Exception as exc:  # noqa: BLE001 - the reader's code: report, do not raise
            return CheckResult(False, f"{what} raised {type(exc).__name__}: {exc}. Hint: start from net.gradients "
                                      "of one example at a time, or from net.forward and net.backward.")
        want = _reference_update(net, X, Y, 0.5)
        if got.shape == want.shape and m > 1 and np.allclose(got, m * want, rtol=1e-6):
            return CheckResult(False, f"{what} is {m} times too large for a mini-batch of {m}. Hint: the step uses "
                                      "the MEAN of the per-example gradients, not their sum "
                                      "(see Common mistakes: batch mean).")
        if got.shape == want.shape and np.allclose(got, -want, rtol=1e-6):
            return CheckResult(False, f"{what} has the wrong sign. Hint: Delta w = -eta dC/dw moves downhill.")
        result = check_array(got, want, what=f"{what} (mini-batch of {m})", rtol=1e-6, atol=1e-12,
                             hint="Delta W^(1) = -eta * (1/m) * sum over the batch of delta^(1) a^(0)T.")
        if not result:
            return result
    return CheckResult(True, f"{what} matches for mini-batches of 1, 5 and 16 examples.")


def _xavier_limit() -> Symbolic:
    fans = "Glorot and Bengio average the fan-in and the fan-out: Var(w) = 2 / (n_in + n_out)."
    return Symbolic(sp.sqrt(6 / (n_in + n_out)), {"n_in": (n_in, "n_in, the fan-in"),
                                                   "n_out": (n_out, "n_out, the fan-out")}, [
        Mistake(sp.sqrt(2 / (n_in + n_out)), "that is the standard deviation; a uniform U(-r, r) has variance r^2/3, "
                "not r^2."),
        Mistake(sp.sqrt(3 / n_in), fans), Mistake(sp.sqrt(6 / n_in), fans),
        Mistake(6 / (n_in + n_out), "that is r^2: take the square root.")])


XAVIER_LIMIT = SymbolicAnswer(
    "ex-training-3", "The Xavier limit r", build=_xavier_limit,
    hint="compute Var(w) = integral of w^2 / (2r) from -r to r, set it equal to 2/(n_in + n_out), solve for r.")
ANSWERS = (LR_THRESHOLD, XAVIER_LIMIT)  #: the exercises the book's page can check


def check_xavier_limit(expr) -> CheckResult:
    """Exercise ex-training-3: r such that U(-r, r) has the Glorot variance 2 / (n_in + n_out)."""
    return XAVIER_LIMIT.check(expr)
