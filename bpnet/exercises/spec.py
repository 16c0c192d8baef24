"""One description per exercise that can be checked without a kernel: the Python checker is built from it, and
:func:`bpnet.exercises.page.export_answers` turns it into the data the book's page checks answers with
(``bpnet/widgets/static/answers.js``), so the expected values, tolerances and hints are written once.

* :class:`NumericAnswer`: an array (or a number) compared by :func:`~bpnet.exercises._core.check_array`.
* :class:`SymbolicAnswer`: an expression compared by :func:`~bpnet.exercises._core.check_expression`; the page
  evaluates the reader's text at seeded random points, where the value of every name it may use is exported.
* :class:`Mistake`: a known wrong answer and the hint it gets, tried before the general comparison.

The export never holds the expected answer as text: numbers at random points for symbolic exercises, and the
expected array for numeric ones (which the page never prints).
"""
from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import sympy as sp
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

from ..notation import plain_math
from ._core import POINT_FLOOR, POINT_RTOL, CheckResult, check_array, check_expression, same_expression

__all__ = ["Mistake", "NumericAnswer", "SymbolicAnswer", "Symbolic", "FUNCTIONS", "N_POINTS", "MISTAKE_RTOL",
           "MISTAKE_ATOL"]

#: The functions a reader may call in a symbolic answer, as SymPy builds them (``sigma`` is the logistic sigmoid).
_t = sp.Symbol("t")
FUNCTIONS: dict[str, Callable] = {"exp": sp.exp, "log": sp.log, "ln": sp.log, "sqrt": sp.sqrt, "tanh": sp.tanh,
                                  "sigma": sp.Lambda(_t, 1 / (1 + sp.exp(-_t)))}
#: parse_expr's globals: only what its transformations build with, so that "pi" or "E" is a name (as in the page),
#: not SymPy's constant
_PARSE_GLOBALS = {"Symbol": sp.Symbol, "Integer": sp.Integer, "Float": sp.Float, "Rational": sp.Rational,
                  "Function": sp.Function}
N_POINTS = 8  #: random points per symbolic exercise in the page's data
#: How close a numeric answer must be to a known wrong array to get its hint (numpy.allclose's rule).
MISTAKE_RTOL, MISTAKE_ATOL = 1e-9, 1e-12


def _in_book_symbols(spec, *names: str) -> None:
    """Rewrite the text fields ``names`` of a frozen spec in the book's symbols (:func:`bpnet.notation.plain_math`),
    so that the messages read alike in the notebook and in the page."""
    for name in names:
        if getattr(spec, name) is not None:
            object.__setattr__(spec, name, plain_math(getattr(spec, name)))


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer (a SymPy expression, or an array for a numeric exercise) and its hint. ``lead`` is the
    sentence before the hint; without one the message reads like the general one, "<what> is not equal to the right
    expression. Hint: <hint>"."""

    answer: object
    hint: str
    lead: str | None = None

    def __post_init__(self) -> None:
        _in_book_symbols(self, "hint", "lead")

    def message(self, what: str) -> str:
        return f"{self.lead or f'{what} is not equal to the right expression.'} Hint: {self.hint}"


@dataclass(frozen=True)
class Symbolic:
    """What a :class:`SymbolicAnswer` compares: the expected expression in base symbols, the names the reader may
    type (name -> (its value in base symbols, what it means)) and the known wrong answers."""

    expected: sp.Expr
    names: Mapping[str, tuple[sp.Expr, str]]
    mistakes: Sequence[Mistake] = ()


def _strs(symbols) -> list[str]:
    return sorted(str(s) for s in symbols)


@dataclass(frozen=True, eq=False)
class SymbolicAnswer:
    """Exercise ``label``: an expression equal to ``build().expected`` (see :class:`Symbolic`); ``what`` names it in
    the messages and ``hint`` is the general hint. ``build`` runs once, on first use."""

    label: str
    what: str
    hint: str
    build: Callable[[], Symbolic] = field(repr=False)
    functions: tuple[str, ...] = tuple(FUNCTIONS)
    kind = "symbolic"

    def __post_init__(self) -> None:
        _in_book_symbols(self, "what", "hint")

    @cached_property
    def parts(self) -> Symbolic:
        return self.build()

    def check(self, answer) -> CheckResult:
        """The verdict on a SymPy expression: a known mistake's hint first, then :func:`check_expression`."""
        try:
            expr = sp.sympify(answer)
        except (sp.SympifyError, TypeError) as exc:
            return CheckResult(False, f"{self.what} should be a SymPy expression; received {answer!r} ({exc}).")
        for m in self.parts.mistakes:
            if same_expression(expr, m.answer):
                return CheckResult(False, m.message(self.what))
        return check_expression(expr, self.parts.expected, what=self.what, hint=self.hint)

    def parse(self, text: str) -> sp.Expr:
        """The reader's typed ``text`` as SymPy reads it with this exercise's names and functions (``^`` is a
        power): what the page's parser must agree with."""
        local = {**{f: FUNCTIONS[f] for f in self.functions}, **{n: v for n, (v, _) in self.parts.names.items()}}
        return parse_expr(text, local_dict=local, global_dict=dict(_PARSE_GLOBALS),
                          transformations=(*standard_transformations, convert_xor))

    def export(self) -> dict:
        """JSON-able data for the page: the names (meaning, base symbols), seeded random points with every name's
        value, the expected value and each known mistake's values at each point, and the tolerance."""
        p = self.parts
        base = sorted(set().union(p.expected.free_symbols, *(v.free_symbols for v, _ in p.names.values())), key=str)
        rng = np.random.default_rng(zlib.crc32(self.label.encode()))
        points = [dict(zip(base, rng.uniform(0.1, 0.9, len(base)))) for _ in range(N_POINTS)]

        def at(expr) -> list[float]:
            return [float(sp.N(sp.sympify(expr).subs(pt), 30)) for pt in points]

        names = {n: at(v) for n, (v, _) in p.names.items()}
        return {"kind": self.kind, "label": self.label, "what": self.what, "hint": self.hint,
                "functions": list(self.functions), "rtol": POINT_RTOL, "floor": POINT_FLOOR,
                "symbols": _strs(p.expected.free_symbols),
                "names": [{"name": n, "meaning": meaning, "symbols": _strs(v.free_symbols)}
                          for n, (v, meaning) in p.names.items()],
                "points": [{n: names[n][i] for n in names} for i in range(N_POINTS)],
                "expected": at(p.expected),
                "mistakes": [{"values": at(m.answer), "symbols": _strs(sp.sympify(m.answer).free_symbols),
                              "message": m.message(self.what)} for m in p.mistakes]}


@dataclass(frozen=True, eq=False)
class NumericAnswer:
    """Exercise ``label``: an array equal to ``expected()`` (computed by bpnet) within ``rtol``/``atol`` as
    :func:`check_array` compares; ``mistakes()`` lists known wrong arrays (each with a ``lead``), matched as
    ``numpy.allclose(answer, wrong, MISTAKE_RTOL, MISTAKE_ATOL)`` when the answer is not also right that way."""

    label: str
    what: str
    hint: str
    expected: Callable[[], np.ndarray] = field(repr=False)
    rtol: float = 1e-8
    atol: float = 1e-12
    mistakes: Callable[[], Sequence[Mistake]] = field(default=lambda: (), repr=False)
    kind = "numeric"

    def __post_init__(self) -> None:
        _in_book_symbols(self, "what", "hint")

    @cached_property
    def value(self) -> np.ndarray:
        return np.asarray(self.expected(), dtype=np.float64)

    def _close(self, got: np.ndarray, want) -> bool:
        want = np.asarray(want, dtype=np.float64)
        return got.shape == want.shape and bool(np.allclose(got, want, rtol=MISTAKE_RTOL, atol=MISTAKE_ATOL))

    def check(self, answer) -> CheckResult:
        """The verdict on an array: a known mistake's message first, then :func:`check_array`."""
        try:
            got = np.asarray(answer, dtype=np.float64)
        except (TypeError, ValueError):
            got = None
        if got is not None and not self._close(got, self.value):
            for m in self.mistakes():
                if self._close(got, m.answer):
                    return CheckResult(False, m.message(self.what))
        return check_array(answer, self.value, what=self.what, hint=self.hint, rtol=self.rtol, atol=self.atol)

    def export(self) -> dict:
        """JSON-able data for the page: shape, expected values (flat, row by row), tolerances, what, hint, and each
        known mistake's values and message."""
        return {"kind": self.kind, "label": self.label, "what": self.what, "hint": self.hint,
                "shape": list(self.value.shape), "expected": self.value.ravel().tolist(),
                "rtol": self.rtol, "atol": self.atol, "mistake_rtol": MISTAKE_RTOL, "mistake_atol": MISTAKE_ATOL,
                "mistakes": [{"shape": list(np.shape(m.answer)),
                              "values": np.asarray(m.answer, dtype=np.float64).ravel().tolist(),
                              "message": m.message(self.what)} for m in self.mistakes()]}
