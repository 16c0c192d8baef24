"""Chapter 5 checkers: right answers pass, wrong ones fail with a hint."""
import numpy as np
import pytest
import sympy as sp

from bpnet.activations import sigmoid, sigmoid_prime
from bpnet.exercises import (
    check_backward_222,
    check_hidden_delta_batch,
    check_hidden_delta_tanh,
    check_weight_gradient_batch,
)
from bpnet.symbolic import SymbolicNetwork


def _wrong(result):
    assert not result.correct
    assert "Hint" in result.message


sym = SymbolicNetwork([2, 2, 2], activation="tanh")
z, W, d = sym.z_symbols[0][0], sym.weights[1], sym.delta_symbols[1]


def test_hidden_delta_tanh_right():
    assert check_hidden_delta_tanh((1 - sp.tanh(z) ** 2) * (W[0, 0] * d[0] + W[1, 0] * d[1])).correct
    assert check_hidden_delta_tanh(sp.sech(z) ** 2 * (W[1, 0] * d[1] + W[0, 0] * d[0])).correct


@pytest.mark.parametrize("bad", [
    (1 - sp.tanh(z) ** 2) * (W[0, 0] * d[0] + W[0, 1] * d[1]),   # row instead of column
    W[0, 0] * d[0] + W[1, 0] * d[1],                              # tanh' forgotten
    sp.tanh(z) * (1 - sp.tanh(z)) * (W[0, 0] * d[0] + W[1, 0] * d[1]),  # sigmoid's a(1 - a) pattern
    (1 - sp.tanh(z) ** 2) * W[0, 0] * d[0],                      # one path only
])
def test_hidden_delta_tanh_wrong(bad):
    _wrong(check_hidden_delta_tanh(bad))


def _backward(W1, b1, W2, b2, x, y, hidden=lambda W2, d2: W2.T @ d2, prime=sigmoid_prime):
    z1 = W1 @ x + b1
    a1 = sigmoid(z1)
    z2 = W2 @ a1 + b2
    a2 = sigmoid(z2)
    d2 = (a2 - y) * prime(z2)
    d1 = prime(z1) * hidden(W2, d2)
    return np.outer(d1, x), d1, np.outer(d2, a1), d2


def test_backward_222_right():
    assert check_backward_222(_backward).correct


@pytest.mark.parametrize("bad", [
    lambda *a: _backward(*a, hidden=lambda W2, d2: W2 @ d2),        # missing transpose
    lambda *a: _backward(*a, prime=lambda z: np.ones_like(z)),       # sigma' forgotten
    lambda *a: _backward(*a)[::-1],                                  # wrong order
    lambda *a: tuple(2 * g for g in _backward(*a)),                  # factor 2
    lambda *a: 1 / 0,                                                # crashes
])
def test_backward_222_wrong(bad):
    _wrong(check_backward_222(bad))


def test_backward_222_wrong_count():
    assert not check_backward_222(lambda *a: _backward(*a)[:3]).correct
    assert not check_backward_222(None).correct


def test_weight_gradient_batch():
    assert check_weight_gradient_batch(lambda d, a: d.T @ a / d.shape[0]).correct
    _wrong(check_weight_gradient_batch(lambda d, a: a.T @ d / d.shape[0]))   # transposed
    _wrong(check_weight_gradient_batch(lambda d, a: d.T @ a))                # mean forgotten


def test_hidden_delta_batch():
    assert check_hidden_delta_batch(lambda d, W, Z: (d @ W) * sigmoid_prime(Z)).correct
    _wrong(check_hidden_delta_batch(lambda d, W, Z: np.dot(d @ W, sigmoid_prime(Z))))      # np.dot for sigma'
    _wrong(check_hidden_delta_batch(lambda d, W, Z: (d @ W.T) * sigmoid_prime(Z)))         # wrong transpose
    _wrong(check_hidden_delta_batch(lambda d, W, Z: d @ W))                                # sigma' forgotten


def test_backward_222_random_cases_are_scaled():
    """init_scale=3.0 is applied (it was silently ignored once): the random cases are not the unscaled networks,
    and they reach units far from the sigmoid's middle."""
    from bpnet import Network
    from bpnet.exercises.ch05 import _cases_222
    cases = _cases_222()[1:]
    for s, (net, _x, _y) in zip((1, 2, 3), cases):
        np.testing.assert_allclose(net.weights[0], 3.0 * Network([2, 2, 2], seed=s).weights[0], rtol=1e-15)
        assert not np.allclose(net.weights[1], net.weights[1].T)
    assert min(float(sigmoid_prime(n.forward(x).z(1)).min()) for n, x, _ in cases) < 0.05
