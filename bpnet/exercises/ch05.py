"""Checkers for the exercises of Chapter 5 (the backward pass and its four equations, eq-bp1 .. eq-bp4)."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

from ..activations import sigmoid_prime
from ..examples import worked_example
from ..network import Network
from ..symbolic import SymbolicNetwork
from ._core import CheckResult, check_array, check_function
from .spec import Mistake, Symbolic, SymbolicAnswer

__all__ = ["check_hidden_delta_tanh", "check_backward_222", "check_weight_gradient_batch",
           "check_hidden_delta_batch"]


def _hidden_delta_tanh() -> Symbolic:
    sym = SymbolicNetwork([2, 2, 2], activation="tanh")
    z, W, d = sym.z_symbols[0][0], sym.weights[1], sym.delta_symbols[1]
    deriv = 1 - sp.tanh(z) ** 2
    expected = deriv * (W[0, 0] * d[0] + W[1, 0] * d[1])
    names = {"z1_1": (z, "z⁽¹⁾₁"), **{f"w2_{j + 1}{k + 1}": (W[j, k], f"w⁽²⁾{'₁₂'[j]}{'₁₂'[k]}")
                                      for j in range(2) for k in range(2)},
             **{f"d2_{k + 1}": (d[k], f"δ⁽²⁾{'₁₂'[k]}") for k in range(2)}}
    mistakes = [
        Mistake(deriv * (W[0, 0] * d[0] + W[0, 1] * d[1]),
                lead="you summed along row 1 of W^{(2)} (w^{(2)}_{11}, w^{(2)}_{12}: the weights INTO output unit 1).",
                hint="hidden unit 1 sends its signal out along w^{(2)}_{11} and w^{(2)}_{21}, column 1 of W^{(2)}: "
                     "sum over k of w^{(2)}_{k1} delta^{(2)}_k, i.e. W^T delta."),
        Mistake(expected / deriv, lead="the factor tanh'(z^{(1)}_1) is missing.",
                hint="delta is dC/dz, and the path from z^{(1)}_1 to the cost starts with a^{(1)}_1 = "
                     "tanh(z^{(1)}_1).")]
    return Symbolic(expected, names, mistakes)


HIDDEN_DELTA_TANH = SymbolicAnswer(
    "ex-backward-1", "delta^{(1)}_1", build=_hidden_delta_tanh,
    hint="tanh'(z) = 1 - tanh(z)^2; the sum runs over every unit that hidden unit 1 feeds, w^{(2)}_{11} "
         "delta^{(2)}_1 + w^{(2)}_{21} delta^{(2)}_2.")

ANSWERS = (HIDDEN_DELTA_TANH,)  #: the exercises the book's page can check


def check_hidden_delta_tanh(expr) -> CheckResult:
    """Exercise ex-backward-1: delta^{(1)}_1 of a [2, 2, 2] network with tanh hidden units (eq-bp2),
    in the symbols z^{(1)}_1, w^{(2)}_{k1} and delta^{(2)}_k of ``SymbolicNetwork([2, 2, 2], activation="tanh")``:
    delta^{(1)}_1 = tanh'(z^{(1)}_1) (w^{(2)}_{11} delta^{(2)}_1 + w^{(2)}_{21} delta^{(2)}_2)."""
    return HIDDEN_DELTA_TANH.check(expr)


def _cases_222() -> list[tuple]:
    """The worked example and three seeded 2-2-2 networks with Xavier weights times 3 (``init_scale=3.0``) and
    random biases: W^{(2)} is far from symmetric (a missing transpose shows) and some units sit far out on the
    sigmoid, where sigma'(z) is well below its peak 1/4 (a wrong or missing sigma' shows)."""
    net, x, y = worked_example()
    rng = np.random.default_rng(5)
    cases = [(net, x, y)]
    for s in (1, 2, 3):
        n = Network([2, 2, 2], seed=s, init_scale=3.0)
        n.biases = [rng.normal(size=2), rng.normal(size=2)]
        cases.append((n, rng.normal(size=2), rng.uniform(size=2)))
    return cases


def check_backward_222(fn: Callable) -> CheckResult:
    """The chapter's "your turn" cell and exercise ex-backward-2: ``fn(W1, b1, W2, b2, x, y)`` returns
    ``(dW1, db1, dW2, db2)`` for ONE example of a 2-2-2 sigmoid network with C_x = 1/2 sum_j (a_j - y_j)^2,
    from eq-bp1 .. eq-bp4. Tested on the worked example and three seeded random networks."""
    what = "your backward pass"
    if not callable(fn):
        return CheckResult(False, f"{what} should be a function fn(W1, b1, W2, b2, x, y); "
                           f"received {type(fn).__name__}.")
    names = ["dW1", "db1", "dW2", "db2"]
    hints = {"dW1": "dW1[j, k] = delta1[j] * x[k] with delta1 = sigma'(z1) * (W2.T @ delta2) (elementwise *, the "
                    "weights BEFORE any update).",
             "db1": "db1 = delta1 = sigma'(z1) * (W2.T @ delta2).",
             "dW2": "dW2[j, k] = delta2[j] * a1[k]: np.outer(delta2, a1), with delta2 = (a2 - y) * sigma'(z2).",
             "db2": "db2 = delta2 = (a2 - y) * sigma'(z2)."}
    for i, (net, x, y) in enumerate(_cases_222()):
        args = [p.copy() for p in (net.weights[0], net.biases[0], net.weights[1], net.biases[1])] + [x.copy(), y.copy()]
        try:
            got = fn(*args)
            got = list(got)
        except Exception as exc:  # the reader's code: report, do not raise
            return CheckResult(False, f"{what} raised {type(exc).__name__}: {exc}. Hint: return a tuple "
                               "(dW1, db1, dW2, db2) with the shapes of (W1, b1, W2, b2).")
        if len(got) != 4:
            return CheckResult(False, f"{what} should return 4 arrays (dW1, db1, dW2, db2); received {len(got)}.")
        g = net.gradients(x, y)
        for name, mine, want in zip(names, got, (g.weights[0], g.biases[0], g.weights[1], g.biases[1])):
            case = "the worked example" if i == 0 else f"random case {i}"
            res = check_array(mine, want, what=f"{name} on {case}", hint=hints[name])
            if not res:
                return res
    return CheckResult(True, f"{what} matches bpnet on the worked example and 3 random 2-2-2 networks.")


def _batch_cases(seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed)
    return [(rng.normal(size=(m, o)), rng.normal(size=(m, i))) for m, o, i in ((5, 3, 4), (1, 2, 2), (7, 1, 3))]


def check_weight_gradient_batch(fn: Callable) -> CheckResult:
    """Exercise ex-backward-3: ``fn(delta, A_prev)`` with rows as examples, delta (the batch matrix D^{(l)}) of
    shape (m, sizes[l]) and A_prev of shape (m, sizes[l-1]), returns dC/dW^{(l)} averaged over the m examples of
    the batch (eq-bp4 in rows): delta^T A_prev / m, shape (sizes[l], sizes[l-1])."""
    return check_function(fn, lambda d, a: d.T @ a / d.shape[0], _batch_cases(6), what="your dC/dW",
                          hint="the result must have the shape of W, (sizes[l], sizes[l-1]): delta.T @ A_prev "
                               "sums delta_j a_k over the examples; then divide by m, the number of examples "
                               "(the mean cost; see Common mistakes: batch mean).")


def check_hidden_delta_batch(fn: Callable) -> CheckResult:
    """Exercise ex-backward-4: ``fn(delta_next, W_next, Z)`` with rows as examples (m of them) returns the hidden
    errors D^{(l)} of sigmoid units (eq-bp2 in rows): (delta_next @ W_next) * sigma'(Z), an ELEMENTWISE product
    (see Common mistakes: elementwise)."""
    rng = np.random.default_rng(7)
    cases = [(rng.normal(size=(m, o)), rng.normal(size=(o, h)), rng.normal(size=(m, h)))
             for m, o, h in ((4, 3, 5), (3, 3, 3), (1, 2, 4))]
    return check_function(fn, lambda d, W, Z: (d @ W) * sigmoid_prime(Z), cases, what="your hidden delta",
                          hint="first carry delta back through the weights with a matrix product, delta_next @ W_next "
                               "(shape (m, h)); then multiply by sigma'(Z) elementwise (*), not with np.dot.")
