"""Checkers for the exercises of Chapter 4 (a network with one hidden layer, the 2-2-2 worked example)."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

from ..examples import ETA, one_step, worked_example
from ..network import Network
from ..symbolic import SymbolicNetwork
from ._core import CheckResult, check_array, check_expression

__all__ = ["check_forward", "check_output_weight_gradient", "check_updated_hidden_weights",
           "stale_hidden_update"]


def _forward_cases() -> list[tuple[list, list, np.ndarray, Network]]:
    """The worked example and two seeded networks whose layers are not square (a transpose cannot hide)."""
    net, x, _ = worked_example()
    cases = [(net, x)]
    rng = np.random.default_rng(4)
    for sizes in ([3, 4, 2], [2, 5, 3, 1]):
        cases.append((Network(sizes, seed=int(rng.integers(1000))), rng.normal(size=sizes[0])))
    return [([W.copy() for W in n.weights], [b.copy() for b in n.biases], x, n) for n, x in cases]


def check_forward(fn: Callable) -> CheckResult:
    """Exercise ex-hidden-1: ``fn(weights, biases, x)`` returns a^{(L)} for one example x (shape (sizes[0],)),
    daisy-chaining z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, a^{(l)} = sigma(z^{(l)}) (eq-forward), sigmoid
    in every layer. Tested on the worked example and on a [3, 4, 2] and a [2, 5, 3, 1] network."""
    what = "your forward pass"
    if not callable(fn):
        return CheckResult(False, f"{what} should be a function fn(weights, biases, x); received {type(fn).__name__}.")
    for weights, biases, x, net in _forward_cases():
        sizes = list(net.sizes)
        try:
            got = fn([W.copy() for W in weights], [b.copy() for b in biases], x.copy())
        except Exception as exc:  # the reader's code: report, do not raise
            return CheckResult(False, f"{what} raised {type(exc).__name__} on a {sizes} network: {exc}. Hint: "
                               "W^{(l)} has shape (sizes[l], sizes[l-1]), so W @ a needs no transpose; loop over "
                               "zip(weights, biases) so that any number of layers works.")
        res = check_array(got, net.predict(x), what=f"{what} on a {sizes} network",
                          hint="for each layer compute z = W @ a + b and then a = sigmoid(z), starting from a = x; "
                               "use W itself, not W.T (rows of W are the receiving units).")
        if not res:
            return res
    return CheckResult(True, f"{what} matches bpnet on the worked example and on two deeper, non-square networks.")


def check_output_weight_gradient(expr) -> CheckResult:
    """Exercise ex-hidden-2: dC_x/dw^{(2)}_{12} of the 2-2-2 sigmoid network with C_x = 1/2 sum_j (a_j - y_j)^2,
    written in the symbols a^{(2)}_1, a^{(1)}_2 and y_1 of ``SymbolicNetwork([2, 2, 2]).a_symbols`` / ``targets``,
    with sigma'(z^{(2)}_1) written as a^{(2)}_1 (1 - a^{(2)}_1)."""
    sym = SymbolicNetwork([2, 2, 2])
    a2, a1, y1 = sym.a_symbols[2][0], sym.a_symbols[1][1], sym.targets[0]
    expected = (a2 - y1) * a2 * (1 - a2) * a1
    try:
        e = sp.sympify(expr)
    except (sp.SympifyError, TypeError):
        e = None
    if e is not None:
        if check_expression(e, (a2 - y1) * a1, what="", hint=""):
            return CheckResult(False, "dC/dw^{(2)}_{12} is missing a factor. Hint: the chain rule has three factors "
                               "here, dz/dw * da/dz * dC/da; da/dz = sigma'(z^{(2)}_1) = a^{(2)}_1 (1 - a^{(2)}_1).")
        if check_expression(e, 2 * expected, what="", hint=""):
            return CheckResult(False, "dC/dw^{(2)}_{12} is twice too large. Hint: the cost has a 1/2 in front, "
                               "so dC/da_1 = a_1 - y_1, not 2 (a_1 - y_1).")
        if check_expression(e, (a2 - y1) * a2 * (1 - a2) * sym.a_symbols[1][0], what="", hint=""):
            return CheckResult(False, "dC/dw^{(2)}_{12} uses the wrong hidden activation. Hint: w^{(2)}_{12} is the "
                               "weight to output unit 1 from hidden unit 2, so dz^{(2)}_1/dw^{(2)}_{12} = a^{(1)}_2.")
    return check_expression(expr, expected, what="dC/dw^{(2)}_{12}",
                            hint="multiply dz^{(2)}_1/dw^{(2)}_{12} = a^{(1)}_2, da^{(2)}_1/dz^{(2)}_1 = "
                                 "a^{(2)}_1 (1 - a^{(2)}_1) and dC/da^{(2)}_1 = a^{(2)}_1 - y_1.")


def stale_hidden_update(net: Network, x, y, eta: float = ETA) -> list[np.ndarray]:
    """The WRONG weights after one step (see Common mistakes: updated weights): the output weights are updated
    first and the hidden deltas are then computed with the *updated* W^{(2)}, delta^{(1)} = sigma'(z^{(1)}) (.)
    W_new^{(2)T} delta^{(2)}. Returned as [W^{(1)} new, W^{(2)} new] for a network with one hidden layer
    (``bpnet.examples.one_step(..., updated_output_weights=True)``); shown next to the right version in
    Chapter 4."""
    if net.n_layers != 2:
        raise ValueError(f"stale_hidden_update expects a network with one hidden layer; received sizes {net.sizes}")
    after = one_step(net, x, y, eta, updated_output_weights=True)
    return [after.weights[0], after.weights[1]]


def check_updated_hidden_weights(W1_new) -> CheckResult:
    """Exercise ex-hidden-3: W^{(1)} after one step of the worked example (eta = 0.5), shape (2, 2),
    with the hidden deltas computed from the output weights *before* the update."""
    net, x, y = worked_example()
    right = net.copy()
    right.step(net.gradients(x, y), ETA)
    stale = stale_hidden_update(net, x, y)[0]
    try:
        got = np.asarray(W1_new, dtype=float)
    except (TypeError, ValueError):
        got = None
    if got is not None and got.shape == (2, 2) and np.allclose(got, stale, rtol=1e-9, atol=1e-12) \
            and not np.allclose(got, right.weights[0], rtol=1e-9, atol=1e-12):
        return CheckResult(False, "these are the hidden weights you get with the output weights AFTER their update. "
                           "Hint: the backward pass of one step uses the weights the forward pass used; compute all "
                           "gradients first, then update.")
    if got is not None and got.shape == (2, 2) and np.allclose(got, right.weights[0].T, rtol=1e-9):
        return CheckResult(False, "W^{(1)} new is transposed. Hint: row j of W^{(1)} holds the weights TO hidden unit "
                           "j: entry [j, k] is w^{(1)}_{jk}, updated by -eta delta^{(1)}_j x_k.")
    return check_array(W1_new, right.weights[0], what="W^{(1)} after one step",
                       hint="dC/dw^{(1)}_{jk} = delta^{(1)}_j x_k with delta^{(1)}_j = sigma'(z^{(1)}_j) "
                            "sum_k w^{(2)}_{kj} delta^{(2)}_k, then w <- w - 0.5 dC/dw.")

