"""Chapter 4 checkers: right answers pass, wrong ones fail with a hint."""
import numpy as np
import pytest

import bpnet
from bpnet.activations import sigmoid
from bpnet.exercises import check_forward, check_output_weight_gradient, check_updated_hidden_weights
from bpnet.exercises.ch04 import stale_hidden_update
from bpnet.symbolic import SymbolicNetwork


def _forward(weights, biases, x):
    a = x
    for W, b in zip(weights, biases):
        a = sigmoid(W @ a + b)
    return a


def _wrong(result):
    assert not result.correct
    assert "Hint" in result.message


def test_forward_right():
    assert check_forward(_forward).correct


@pytest.mark.parametrize("bad", [
    lambda Ws, bs, x: _forward([W.T for W in Ws], bs, x),           # transposed weights
    lambda Ws, bs, x: _forward(Ws[:1], bs[:1], x),                  # stops after one layer
    lambda Ws, bs, x: _forward(Ws, [0 * b for b in bs], x),          # biases forgotten
])
def test_forward_wrong(bad):
    _wrong(check_forward(bad))


def test_forward_not_callable():
    assert not check_forward(3).correct


sym = SymbolicNetwork([2, 2, 2])
a2, a1, y1 = sym.a_symbols[2][0], sym.a_symbols[1][1], sym.targets[0]


def test_output_weight_gradient_right():
    assert check_output_weight_gradient((a2 - y1) * a2 * (1 - a2) * a1).correct
    assert check_output_weight_gradient(a1 * (a2 ** 2 - a2 ** 3 - y1 * a2 + y1 * a2 ** 2)).correct


@pytest.mark.parametrize("bad", [
    (a2 - y1) * a1,                                        # sigma' forgotten
    2 * (a2 - y1) * a2 * (1 - a2) * a1,                    # the 1/2 forgotten
    (a2 - y1) * a2 * (1 - a2) * sym.a_symbols[1][0],       # wrong hidden unit
    (y1 - a2) * a2 * (1 - a2) * a1,                        # wrong sign
])
def test_output_weight_gradient_wrong(bad):
    _wrong(check_output_weight_gradient(bad))


def test_updated_hidden_weights():
    net, x, y = bpnet.worked_example()
    right = net.weights[0] - bpnet.examples.ETA * net.gradients(x, y).weights[0]
    assert check_updated_hidden_weights(right).correct
    stale = stale_hidden_update(net, x, y)[0]
    res = check_updated_hidden_weights(stale)
    _wrong(res)
    assert "AFTER" in res.message
    _wrong(check_updated_hidden_weights(right.T))
    _wrong(check_updated_hidden_weights(net.weights[0]))
    assert not check_updated_hidden_weights("no").correct


def test_stale_differs_and_needs_one_hidden_layer():
    net, x, y = bpnet.worked_example()
    stale = stale_hidden_update(net, x, y)
    after = net.copy()
    after.step(net.gradients(x, y), bpnet.examples.ETA)
    np.testing.assert_allclose(stale[1], after.weights[1])  # output weights are the same either way
    assert not np.allclose(stale[0], after.weights[0])
    with pytest.raises(ValueError, match="one hidden layer"):
        stale_hidden_update(bpnet.Network([2, 2, 2, 1], seed=0), x, [0.5])
