"""What every exercise checker shares: a result that reads well in a notebook, and the three ways
of checking an answer (symbolic equivalence, numbers, a reader's function)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from ..gradcheck import relative_error

__all__ = ["CheckResult", "check_expression", "same_expression", "check_array", "check_function", "close_at_point",
           "POINT_RTOL", "POINT_FLOOR"]


@dataclass(frozen=True)
class CheckResult:
    """The verdict on an answer: ``correct`` and a message (with a hint when it is wrong)."""

    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return ("Correct: " if self.correct else "Not yet: ") + self.message


#: Random-point comparison of two expressions (here and in the page's answers.js): equal at a point when
#: |answer - expected| <= POINT_RTOL * max(|expected|, POINT_FLOOR), i.e. relative, absolute near 0.
POINT_RTOL, POINT_FLOOR = 1e-9, 1.0


def close_at_point(answer: complex, expected: complex) -> bool:
    """The one rule for "equal at a random point" (:data:`POINT_RTOL`, :data:`POINT_FLOOR`); NaN or inf is not."""
    return bool(np.isfinite(answer) and np.isfinite(expected)
                and abs(answer - expected) <= POINT_RTOL * max(abs(expected), POINT_FLOOR))


def _equivalent(answer: sp.Expr, expected: sp.Expr, free: Sequence[sp.Symbol]) -> bool:
    diff = sp.simplify(sp.sympify(answer) - sp.sympify(expected))
    if diff == 0:
        return True
    # simplify is not a decision procedure: fall back to the values at random points
    symbols = sorted(set(free) | diff.free_symbols | sp.sympify(expected).free_symbols, key=str)
    f = sp.lambdify(symbols, [sp.sympify(answer), sp.sympify(expected)], "numpy")
    rng = np.random.default_rng(0)
    for _ in range(8):
        vals = rng.uniform(0.1, 0.9, len(symbols))
        with np.errstate(all="ignore"):
            got, want = (complex(v) for v in f(*vals))
        if not close_at_point(got, want):
            return False
    return True


def check_expression(answer, expected: sp.Expr, *, what: str, hint: str) -> CheckResult:
    """Symbolic check: is ``answer`` (a SymPy expression) equal to ``expected`` for every value?"""
    try:
        answer = sp.sympify(answer)
    except (sp.SympifyError, TypeError) as exc:
        return CheckResult(False, f"{what} should be a SymPy expression; received {answer!r} ({exc}).")
    expected = sp.sympify(expected)
    by_name = {str(s): s for s in expected.free_symbols}  # a reader's Symbol('x') is the book's x
    answer = answer.subs({s: by_name[str(s)] for s in answer.free_symbols if str(s) in by_name})
    extra = answer.free_symbols - expected.free_symbols
    if extra:
        names = ", ".join(sorted(map(str, extra)))
        return CheckResult(False, f"{what} uses symbols that do not belong in it: {names}. Hint: {hint}")
    if _equivalent(answer, expected, list(answer.free_symbols)):
        return CheckResult(True, f"{what} is right.")
    return CheckResult(False, f"{what} is not equal to the right expression. Hint: {hint}")


def same_expression(answer, expected) -> bool:
    """True when :func:`check_expression` accepts ``answer``; a malformed answer is simply not equal (used to pick
    the hint for a known wrong answer)."""
    try:
        return bool(check_expression(answer, expected, what="", hint=""))
    except Exception:  # noqa: BLE001 - a malformed answer is simply not equal
        return False


def check_array(answer, expected, *, what: str, hint: str, rtol: float = 1e-8, atol: float = 1e-12) -> CheckResult:
    """Numeric check: same shape, and :func:`bpnet.relative_error` (the book's one definition) at most ``rtol``,
    with a floor of ``atol / rtol`` in its denominator so that entries near 0 are compared absolutely to ``atol``."""
    try:
        got = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        return CheckResult(False, f"{what} should be an array of numbers; received {type(answer).__name__}.")
    want = np.asarray(expected, dtype=np.float64)
    if got.shape != want.shape:
        return CheckResult(False, f"{what} should have shape {want.shape}; received shape {got.shape}. Hint: {hint}")
    if not np.all(np.isfinite(got)):
        return CheckResult(False, f"{what} contains NaN or inf. Hint: {hint}")
    err = relative_error(got, want, floor=atol / rtol)
    if err <= rtol:
        return CheckResult(True, f"{what} matches, to within {rtol:g} relative.")
    gap = float(np.max(np.abs(got - want)))
    return CheckResult(False, f"{what} differs from the right values by up to {gap:.3g} (relative error {err:.2g}). "
                              f"Hint: {hint}")


def check_function(fn: Callable, reference: Callable, cases: Sequence[tuple], *, what: str, hint: str,
                   rtol: float = 1e-8, atol: float = 1e-12) -> CheckResult:
    """Run the reader's ``fn`` and ``reference`` on each argument tuple in ``cases`` and compare."""
    if not callable(fn):
        return CheckResult(False, f"{what} should be a function; received {type(fn).__name__}.")
    for args in cases:
        try:
            got = fn(*args)
        except Exception as exc:  # the reader's code: report, do not raise
            return CheckResult(False, f"{what} raised {type(exc).__name__}: {exc}. Hint: {hint}")
        result = check_array(got, reference(*args), what=what, hint=hint, rtol=rtol, atol=atol)
        if not result:
            return result
    return CheckResult(True, f"{what} matches on all {len(cases)} test cases.")
