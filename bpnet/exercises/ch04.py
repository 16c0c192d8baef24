"""Checkers for the exercises of Chapter 4 (a network with one hidden layer, the 2-2-2 worked example)."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..examples import ETA, one_step, worked_example
from ..network import Network
from ..symbolic import SymbolicNetwork
from ._core import CheckResult, check_array
from .spec import Mistake, NumericAnswer, Symbolic, SymbolicAnswer

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


def _output_weight_gradient() -> Symbolic:
    sym = SymbolicNetwork([2, 2, 2])
    a2, (a11, a12), y1 = sym.a_symbols[2][0], sym.a_symbols[1], sym.targets[0]
    expected = (a2 - y1) * a2 * (1 - a2) * a12
    names = {"a2_1": (a2, "a⁽²⁾₁, output 1"), "a1_1": (a11, "a⁽¹⁾₁, hidden unit 1"),
             "a1_2": (a12, "a⁽¹⁾₂, hidden unit 2"), "y_1": (y1, "the target y₁")}
    lead = "dC/dw^{(2)}_{12} "
    mistakes = [
        Mistake((a2 - y1) * a12, lead=lead + "is missing a factor.",
                hint="the chain rule has three factors here, dz/dw * da/dz * dC/da; da/dz = sigma'(z^{(2)}_1) = "
                     "a^{(2)}_1 (1 - a^{(2)}_1)."),
        Mistake(2 * expected, lead=lead + "is twice too large.",
                hint="the cost has a 1/2 in front, so dC/da_1 = a_1 - y_1, not 2 (a_1 - y_1)."),
        Mistake((a2 - y1) * a2 * (1 - a2) * a11, lead=lead + "uses the wrong hidden activation.",
                hint="w^{(2)}_{12} is the weight to output unit 1 from hidden unit 2, so dz^{(2)}_1/dw^{(2)}_{12} = "
                     "a^{(1)}_2.")]
    return Symbolic(expected, names, mistakes)


OUTPUT_WEIGHT_GRADIENT = SymbolicAnswer(
    "ex-hidden-2", "dC/dw^{(2)}_{12}", build=_output_weight_gradient,
    hint="multiply dz^{(2)}_1/dw^{(2)}_{12} = a^{(1)}_2, da^{(2)}_1/dz^{(2)}_1 = a^{(2)}_1 (1 - a^{(2)}_1) and "
         "dC/da^{(2)}_1 = a^{(2)}_1 - y_1.")


def check_output_weight_gradient(expr) -> CheckResult:
    """Exercise ex-hidden-2: dC_x/dw^{(2)}_{12} of the 2-2-2 sigmoid network with C_x = 1/2 sum_j (a_j - y_j)^2,
    written in the symbols a^{(2)}_1, a^{(1)}_2 and y_1 of ``SymbolicNetwork([2, 2, 2]).a_symbols`` / ``targets``,
    with sigma'(z^{(2)}_1) written as a^{(2)}_1 (1 - a^{(2)}_1)."""
    return OUTPUT_WEIGHT_GRADIENT.check(expr)


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


def _one_step_weights() -> tuple[np.ndarray, np.ndarray]:
    """(right, stale) W^{(1)} after one step of the worked example."""
    net, x, y = worked_example()
    right = net.copy()
    right.step(net.gradients(x, y), ETA)
    return right.weights[0], stale_hidden_update(net, x, y)[0]


UPDATED_HIDDEN_WEIGHTS = NumericAnswer(
    "ex-hidden-3", "W^{(1)} after one step", expected=lambda: _one_step_weights()[0],
    hint="dC/dw^{(1)}_{jk} = delta^{(1)}_j x_k with delta^{(1)}_j = sigma'(z^{(1)}_j) sum_k w^{(2)}_{kj} "
         "delta^{(2)}_k, then w <- w - 0.5 dC/dw.",
    mistakes=lambda: [
        Mistake(_one_step_weights()[1], lead="these are the hidden weights you get with the output weights AFTER "
                "their update.", hint="the backward pass of one step uses the weights the forward pass used; "
                "compute all gradients first, then update."),
        Mistake(_one_step_weights()[0].T, lead="W^{(1)} new is transposed.",
                hint="row j of W^{(1)} holds the weights TO hidden unit j: entry [j, k] is w^{(1)}_{jk}, updated by "
                     "-eta delta^{(1)}_j x_k.")])

ANSWERS = (OUTPUT_WEIGHT_GRADIENT, UPDATED_HIDDEN_WEIGHTS)  #: the exercises the book's page can check


def check_updated_hidden_weights(W1_new) -> CheckResult:
    """Exercise ex-hidden-3: W^{(1)} after one step of the worked example (eta = 0.5), shape (2, 2),
    with the hidden deltas computed from the output weights *before* the update."""
    return UPDATED_HIDDEN_WEIGHTS.check(W1_new)
