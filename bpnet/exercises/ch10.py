"""Checkers for the exercises of Chapter 10 (real data: accuracy, confusion matrix, softmax delta); the final
project's checker is in :mod:`bpnet.exercises.project`."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

from ._core import CheckResult, check_function
from .spec import Symbolic, SymbolicAnswer

__all__ = ["check_accuracy_from_confusion", "check_recall", "check_softmax_ce_delta"]


def _confusion_cases() -> list[tuple[np.ndarray]]:
    rng = np.random.default_rng(10)
    cases = [(np.array([[5, 1], [2, 7]]),), (np.diag([3, 4, 5]),)]
    for k in (3, 10):
        M = rng.integers(0, 6, size=(k, k)) + np.diag(rng.integers(20, 40, size=k))
        cases.append((M,))
    return cases


def check_accuracy_from_confusion(fn: Callable) -> CheckResult:
    """``fn(M)`` returns the accuracy read off a confusion matrix M[true, predicted], trace(M) / sum(M), as Chapter 10
    states it (no longer an exercise of its own: ex-real-1 now asks about the sum of the output biases)."""
    return check_function(
        fn, lambda M: np.trace(M) / np.sum(M), _confusion_cases(), what="accuracy_from_confusion(M)",
        hint="the correct answers are on the diagonal; divide their count by the number of all examples, sum(M).",
    )


def check_recall(fn: Callable) -> CheckResult:
    """Exercise ex-real-2: ``fn(M)`` returns, per class t, the fraction of class-t examples predicted as t."""
    return check_function(
        fn, lambda M: np.diag(M) / np.sum(M, axis=1), _confusion_cases(), what="recall(M)",
        hint="rows of M are the true classes: divide the diagonal by the row sums, np.sum(M, axis=1). "
             "Dividing by the column sums gives the precision instead.",
    )


def softmax_ce_symbols() -> tuple[list[sp.Symbol], list[sp.Symbol]]:
    """The symbols z_1, z_2, z_3 and y_1, y_2 of exercise ex-real-3 (y_3 = 1 - y_1 - y_2)."""
    z = list(sp.symbols("z_1 z_2 z_3", real=True))
    y = list(sp.symbols("y_1 y_2", real=True))
    return z, y


def _softmax_ce_delta() -> Symbolic:
    z, y = softmax_ce_symbols()
    ys = [y[0], y[1], 1 - y[0] - y[1]]
    den = sum(sp.exp(t) for t in z)
    cost = -sum(yj * sp.log(sp.exp(zj) / den) for yj, zj in zip(ys, z))
    names = {**{f"z_{j + 1}": (t, f"z{'₁₂₃'[j]}") for j, t in enumerate(z)},
             **{f"y_{j + 1}": (t, f"y{'₁₂'[j]}") for j, t in enumerate(y)},
             **{f"a_{j + 1}": (sp.exp(t) / den, f"a{'₁₂₃'[j]} = e^z{'₁₂₃'[j]} / Σₖ e^zₖ") for j, t in enumerate(z)}}
    return Symbolic(sp.diff(cost, z[0]), names)


SOFTMAX_CE_DELTA = SymbolicAnswer(
    "ex-real-3", "dC_x/dz_1", build=_softmax_ce_delta,
    hint="write a_1 = exp(z_1)/(exp(z_1)+exp(z_2)+exp(z_3)); the answer is a_1 - y_1 once the targets sum to 1 (use "
         "y_3 = 1 - y_1 - y_2). There is no separate sigma'(z_1) factor: softmax couples all z_k.")
ANSWERS = (SOFTMAX_CE_DELTA,)  #: the exercises the book's page can check


def check_softmax_ce_delta(expr) -> CheckResult:
    """Exercise ex-real-3: dC_x/dz_1 for a 3-class softmax with cross-entropy, targets summing to 1.

    C_x = -sum_j y_j ln a_j with a_j = e^{z_j} / sum_k e^{z_k} and y_3 = 1 - y_1 - y_2.
    """
    return SOFTMAX_CE_DELTA.check(expr)
