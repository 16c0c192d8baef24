"""Checkers for the exercises of Chapter 3 (The chain rule), on the chain ``SymbolicNetwork([1, 1, 1])``.

Answers may use the abstract symbols z^{(l)}_1, a^{(l)}_1 (``sym.z_symbols``, ``sym.a_symbols``) or be
explicit in the weights, biases, x and y: the checker makes both explicit before comparing.
"""
from __future__ import annotations

import sympy as sp

from ..symbolic import SymbolicNetwork
from ._core import CheckResult, check_expression

__all__ = ["check_chain_output_weight", "check_chain_dC_da_hidden", "check_chain_hidden_weight"]


def _explicit(sym: SymbolicNetwork, expr) -> sp.Expr:
    """The reader's expression with their symbols mapped by name to the book's, then made explicit."""
    expr = sp.sympify(expr)
    known = {str(s): s for s in (*sym.parameters, *sym.inputs, *sym.targets,
                                 *(s for zs in sym.z_symbols for s in zs), *(s for a in sym.a_symbols for s in a))}
    expr = expr.subs({s: known[str(s)] for s in expr.free_symbols if str(s) in known})
    return sym.explicit(expr)


def _check(expr, expected_fn, what: str, hint: str) -> CheckResult:
    sym = SymbolicNetwork([1, 1, 1])
    try:
        answer = _explicit(sym, expr)
    except (sp.SympifyError, TypeError) as exc:
        return CheckResult(False, f"{what} should be a SymPy expression; received {expr!r} ({exc}).")
    return check_expression(answer, expected_fn(sym), what=what, hint=hint)


def check_chain_output_weight(expr) -> CheckResult:
    """Exercise ex-chain-1: dC/dw^{(2)} = dz^{(2)}/dw^{(2)} * da^{(2)}/dz^{(2)} * dC/da^{(2)}
    = a^{(1)} sigma'(z^{(2)}) (a^{(2)} - y) for the chain [1, 1, 1] (Chapter 3, eq-ch03-chain)."""
    return _check(expr, lambda s: s.gradient(s.weights[1][0, 0]), "dC/dw^(2)",
                  "multiply the three factors: dz/dw^(2) = a^(1), da/dz = sigma'(z^(2)), dC/da^(2) = a^(2) - y "
                  "(with the book's 1/2 in the cost; without it you would get 2(a - y)).")


def check_chain_dC_da_hidden(expr) -> CheckResult:
    """Exercise ex-chain-2: dC/da^{(1)} = w^{(2)} sigma'(z^{(2)}) (a^{(2)} - y) for the chain [1, 1, 1]."""
    def expected(s: SymbolicNetwork) -> sp.Expr:
        a1 = s.a_symbols[1][0]
        cost = s.cost.subs(s.a[1][0], a1)  # the cost as a function of the symbol a^(1)
        return s.explicit(sp.diff(cost, a1))
    return _check(expr, expected, "dC/da^(1)",
                  "a^(1) reaches the cost only through z^(2) = w^(2) a^(1) + b^(2), so dz^(2)/da^(1) = w^(2) "
                  "replaces the factor a^(1) of dC/dw^(2).")


def check_chain_hidden_weight(expr) -> CheckResult:
    """Exercise ex-chain-3: dC/dw^{(1)} = x sigma'(z^{(1)}) w^{(2)} sigma'(z^{(2)}) (a^{(2)} - y), one layer back."""
    return _check(expr, lambda s: s.gradient(s.weights[0][0, 0]), "dC/dw^(1)",
                  "dC/dw^(1) = dz^(1)/dw^(1) * da^(1)/dz^(1) * dC/da^(1): the input x, sigma'(z^(1)), and the "
                  "dC/da^(1) of the previous exercise.")
