"""Checkers for the exercises of Chapter 3 (The chain rule), on the chain ``SymbolicNetwork([1, 1, 1])``.

Answers may use the abstract symbols z^{(l)}_1, a^{(l)}_1 (``sym.z_symbols``, ``sym.a_symbols``) or be
explicit in the weights, biases, x and y: the checker makes both explicit before comparing.
"""
from __future__ import annotations

import sympy as sp

from ..symbolic import SymbolicNetwork
from ._core import CheckResult
from .spec import Symbolic, SymbolicAnswer

__all__ = ["check_chain_output_weight", "check_chain_dC_da_hidden", "check_chain_hidden_weight"]


def _explicit(sym: SymbolicNetwork, expr) -> sp.Expr:
    """The reader's expression with their symbols mapped by name to the book's, then made explicit."""
    expr = sp.sympify(expr)
    known = {str(s): s for s in (*sym.parameters, *sym.inputs, *sym.targets,
                                 *(s for zs in sym.z_symbols for s in zs), *(s for a in sym.a_symbols for s in a))}
    expr = expr.subs({s: known[str(s)] for s in expr.free_symbols if str(s) in known})
    return sym.explicit(expr)


def _names(sym: SymbolicNetwork) -> dict[str, tuple[sp.Expr, str]]:
    """What a reader of the page may type for the chain: its parameters, x, y, and z, a of both layers (explicit)."""
    names = {"x": (sym.inputs[0], "the input x"), "y": (sym.targets[0], "the target y")}
    for l in (1, 2):
        names[f"w{l}"] = (sym.weights[l - 1][0, 0], f"w⁽{'¹²'[l - 1]}⁾")
        names[f"b{l}"] = (sym.biases[l - 1][0], f"b⁽{'¹²'[l - 1]}⁾")
    for l in (1, 2):
        names[f"z{l}"] = (sym.explicit(sym.z_symbols[l - 1][0]), f"z⁽{'¹²'[l - 1]}⁾")
        names[f"a{l}"] = (sym.explicit(sym.a_symbols[l][0]), f"a⁽{'¹²'[l - 1]}⁾ = σ(z⁽{'¹²'[l - 1]}⁾)")
    return names


def _answer(label: str, what: str, expected_fn, hint: str) -> SymbolicAnswer:
    def build() -> Symbolic:
        sym = SymbolicNetwork([1, 1, 1])
        return Symbolic(expected_fn(sym), _names(sym))
    return SymbolicAnswer(label, what, hint, build)


def _dC_da_hidden(s: SymbolicNetwork) -> sp.Expr:
    a1 = s.a_symbols[1][0]
    cost = s.cost.subs(s.a[1][0], a1)  # the cost as a function of the symbol a^(1)
    return s.explicit(sp.diff(cost, a1))


OUTPUT_WEIGHT = _answer(
    "ex-chain-1", "dC/dw^(2)", lambda s: s.gradient(s.weights[1][0, 0]),
    "multiply the three factors: dz/dw^(2) = a^(1), da/dz = sigma'(z^(2)), dC/da^(2) = a^(2) - y (with the book's "
    "1/2 in the cost; without it you would get 2(a - y)).")
DC_DA_HIDDEN = _answer(
    "ex-chain-2", "dC/da^(1)", _dC_da_hidden,
    "a^(1) reaches the cost only through z^(2) = w^(2) a^(1) + b^(2), so dz^(2)/da^(1) = w^(2) replaces the factor "
    "a^(1) of dC/dw^(2).")
HIDDEN_WEIGHT = _answer(
    "ex-chain-3", "dC/dw^(1)", lambda s: s.gradient(s.weights[0][0, 0]),
    "dC/dw^(1) = dz^(1)/dw^(1) * da^(1)/dz^(1) * dC/da^(1): the input x, sigma'(z^(1)), and the dC/da^(1) of the "
    "previous exercise.")
ANSWERS = (OUTPUT_WEIGHT, DC_DA_HIDDEN, HIDDEN_WEIGHT)  #: the exercises the book's page can check


def _check(expr, spec: SymbolicAnswer) -> CheckResult:
    sym = SymbolicNetwork([1, 1, 1])
    try:
        answer = _explicit(sym, expr)
    except (sp.SympifyError, TypeError) as exc:
        return CheckResult(False, f"{spec.what} should be a SymPy expression; received {expr!r} ({exc}).")
    return spec.check(answer)


def check_chain_output_weight(expr) -> CheckResult:
    """Exercise ex-chain-1: dC/dw^{(2)} = dz^{(2)}/dw^{(2)} * da^{(2)}/dz^{(2)} * dC/da^{(2)}
    = a^{(1)} sigma'(z^{(2)}) (a^{(2)} - y) for the chain [1, 1, 1] (Chapter 3, eq-ch03-chain)."""
    return _check(expr, OUTPUT_WEIGHT)


def check_chain_dC_da_hidden(expr) -> CheckResult:
    """Exercise ex-chain-2: dC/da^{(1)} = w^{(2)} sigma'(z^{(2)}) (a^{(2)} - y) for the chain [1, 1, 1]."""
    return _check(expr, DC_DA_HIDDEN)


def check_chain_hidden_weight(expr) -> CheckResult:
    """Exercise ex-chain-3: dC/dw^{(1)} = x sigma'(z^{(1)}) w^{(2)} sigma'(z^{(2)}) (a^{(2)} - y), one layer back."""
    return _check(expr, HIDDEN_WEIGHT)
