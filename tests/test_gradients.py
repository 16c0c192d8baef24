"""bpnet's backprop against SymPy's derivatives and against central differences, for every
allowed combination of hidden activation x output activation x cost: central differences on four architectures,
SymPy on one architecture per combination (every architecture on several)."""
from __future__ import annotations

import numpy as np
import pytest

import bpnet
from bpnet.symbolic import SymbolicNetwork
from conftest import COMBOS, batch

SIZES = [(2, 2, 1), (2, 3, 2), (3, 4, 3), (2, 3, 3, 2)]


def _assert_close(got: bpnet.Gradients, want: bpnet.Gradients, rtol: float, atol: float) -> None:
    for g, w in zip((*got.weights, *got.biases), (*want.weights, *want.biases)):
        assert g.shape == w.shape
        np.testing.assert_allclose(g, w, rtol=rtol, atol=atol)


def _sympy_size(i: int, output: str) -> tuple[int, ...]:
    """One network size per combination for the SymPy comparison, cycling through SIZES so that every size (the
    two-hidden-layer one included) is compared on several combinations; softmax needs more than one output unit."""
    size = SIZES[i % len(SIZES)]
    return (2, 3, 3, 2) if output == "softmax" and size[-1] == 1 else size


SYMPY_CASES = [(*combo, _sympy_size(i, combo[1])) for i, combo in enumerate(COMBOS)]


def _case(sizes, hidden, output, loss):
    net = bpnet.Network(sizes, activation=hidden, output_activation=output, loss=loss, init="normal", seed=7)
    X, Y = batch(sizes, output, loss, n=3, seed=1)
    return net, X, Y


@pytest.mark.slow
@pytest.mark.parametrize("hidden,output,loss,sizes", SYMPY_CASES,
                         ids=["-".join([h, o, c, *map(str, s)]) for h, o, c, s in SYMPY_CASES])
def test_backprop_matches_sympy(hidden, output, loss, sizes):
    """Every allowed combination, against SymPy's exact derivatives (one size each: SymPy is the slow part)."""
    net, X, Y = _case(sizes, hidden, output, loss)
    symbolic = SymbolicNetwork(sizes, activation=hidden, output_activation=output, loss=loss).gradients(net, X, Y)
    # 1e-10 relative; the absolute floor only covers entries that are zero up to rounding (1e-16 scale)
    _assert_close(net.gradients(X, Y), symbolic, rtol=1e-10, atol=1e-14)


def test_every_combination_and_size_is_compared_with_sympy_somewhere():
    assert {c[:3] for c in SYMPY_CASES} == set(COMBOS)
    assert {c[3] for c in SYMPY_CASES} == set(SIZES)


@pytest.mark.parametrize("sizes", SIZES, ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("hidden,output,loss", COMBOS)
def test_backprop_matches_finite_differences(sizes, hidden, output, loss):
    """Every allowed combination on every size, against central differences."""
    net, X, Y = _case(sizes, hidden, output, loss)
    _assert_close(net.gradients(X, Y), bpnet.numerical_gradients(net, X, Y, eps=1e-6), rtol=1e-6, atol=1e-8)


def test_worked_example_numbers():
    """The classic 2-2-2 example: output, cost and one gradient agree with the published values."""
    net, x, y = bpnet.worked_example()
    out = net.predict(x)
    np.testing.assert_allclose(out, [0.75136507, 0.772928465], atol=1e-8)
    assert abs(net.loss(x, y) - 0.298371109) < 1e-8
    g = net.gradients(x, y)
    assert abs(g.weights[1][0, 0] - 0.082167041) < 1e-8  # dC/dw5 of the blog posts
